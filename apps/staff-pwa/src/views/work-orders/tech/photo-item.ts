/** A photo as the job screen shows it: on this phone, on the server, or both. */
export interface PhotoItem {
  id: string;
  /** The server's URL, or null when it is not on the server yet. */
  url: string | null;
  blob?: Blob | undefined;
  /** Still to be uploaded from this phone. */
  waiting?: boolean;
}
