/**
 * A photo straight from a phone camera is 3–8 MB; residents often file from a stairwell or a garage with a
 * weak signal, and the API takes at most 5 MB. Downscale to at most 1280 px on the long side as JPEG in a
 * canvas (a leak or a cracked tile stays clear at ~150–300 KB), the way the staff app treats dial photos
 * (apps/staff-pwa/src/reading/photo.ts). Where the browser cannot decode it, the original is kept.
 */
export const PHOTO_MAX_SIDE = 1280;
export const PHOTO_QUALITY = 0.72;
/** The API's limit for one photo. */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

export async function downscalePhoto(file: Blob, maxSide = PHOTO_MAX_SIDE, quality = PHOTO_QUALITY): Promise<Blob> {
  if (typeof createImageBitmap !== 'function' || typeof document === 'undefined') return file;
  let bitmap: ImageBitmap;
  try {
    // EXIF orientation applied, so a portrait photo is not sent lying on its side.
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return file;
  }
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const g = canvas.getContext('2d');
  if (!g) {
    bitmap.close();
    return file;
  }
  g.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const out = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
  if (!out) return file;
  // A small original (already within the size, already compressed) is kept when re-encoding would not
  // make it smaller; a larger one is always replaced, so no photo leaves the phone above 1280 px.
  return scale < 1 || out.size < file.size ? out : file;
}
