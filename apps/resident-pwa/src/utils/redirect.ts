/** Only same-app paths are followed after login (never `//evil.example` or a full URL). */
export function safeRedirect(value: unknown): string | null {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : null;
}
