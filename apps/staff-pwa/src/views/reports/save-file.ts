/**
 * Saves a downloaded file (an .xlsx export) the way a link with `download` would: an object URL clicked
 * through a hidden anchor. The URL is revoked a minute later, not at once: Safari starts the download
 * after the click has returned and would find the URL gone.
 */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
