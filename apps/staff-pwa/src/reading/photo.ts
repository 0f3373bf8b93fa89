/**
 * A dial photo straight from a phone camera is 3–8 MB; kept in IndexedDB and sent over a basement's weak
 * signal it must be small. Downscale to at most 1280 px on the long side as JPEG (a dial stays legible at
 * ~150–300 KB). Where the browser cannot decode it (no createImageBitmap), the original is kept as is.
 */
export const PHOTO_MAX_SIDE = 1280;
export const PHOTO_QUALITY = 0.72;

export async function downscalePhoto(file: Blob, maxSide = PHOTO_MAX_SIDE, quality = PHOTO_QUALITY): Promise<Blob> {
  if (typeof createImageBitmap !== 'function' || typeof document === 'undefined') return file;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return file;
  }
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const g = canvas.getContext('2d');
  if (!g) return file;
  g.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const out = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
  // A small original (already compressed) is kept when re-encoding would not make it smaller.
  return out && out.size < file.size ? out : file;
}
