/** Mainland China mobile numbers: 11 digits starting 13–19. */
export const MOBILE_RE = /^1[3-9]\d{9}$/;

export function isMainlandMobile(phone: string): boolean {
  return MOBILE_RE.test(phone);
}

/** 13800138000 → 138****8000; anything else is returned as it is. */
export function maskPhone(phone: string): string {
  return /^\d{11}$/.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;
}
