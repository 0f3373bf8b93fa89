/**
 * A photo picked for a new order, from the moment it is chosen until the order is sent. Its id is made on
 * the phone when it is picked and never changes: the upload is `PUT …/work-order-photos/:id`, so a retry
 * after a lost answer re-sends the same id and the server keeps one copy.
 */
import { newId } from './ids';
import { downscalePhoto, PHOTO_MAX_BYTES } from './photo';

export const MAX_REPORT_PHOTOS = 6;

export type PhotoStatus = 'compressing' | 'ready' | 'uploading' | 'uploaded' | 'failed';

export interface PhotoDraft {
  id: string;
  /** The downscaled JPEG (null while it is being made). */
  blob: Blob | null;
  /** Object URL of the blob for the thumbnail. */
  url: string | null;
  status: PhotoStatus;
}

export function pendingPhoto(): PhotoDraft {
  return { id: newId(), blob: null, url: null, status: 'compressing' };
}

/** Downscales a picked file; null when even the result is over the API's limit. */
export async function preparePhoto(file: Blob): Promise<Blob | null> {
  const blob = await downscalePhoto(file);
  return blob.size > PHOTO_MAX_BYTES ? null : blob;
}

export function releasePhoto(p: PhotoDraft): void {
  if (p.url) URL.revokeObjectURL(p.url);
}
