/** JSON.parse that answers undefined instead of throwing: provider payloads are untrusted input. */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
