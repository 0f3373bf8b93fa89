/** Masking of personal data in responses: ID numbers always, phones where the viewer is not staff. */
export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return null;
  if (id.length <= 7) return `${id.slice(0, 1)}${'*'.repeat(Math.max(id.length - 2, 1))}${id.slice(-1)}`;
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
}

export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  if (phone.length < 7) return phone;
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
