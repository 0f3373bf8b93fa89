/** Resident endpoints (docs/api.md, "Resident"). The session is the httpOnly `pm_resident` cookie. */
import { request } from './client';
import type { EstateOption, Items, MatchInput, ResidentMe, ResidentUnit, SendCodeResult } from './types';

export const residentApi = {
  sendCode: (phone: string) => request<SendCodeResult>('POST', '/resident/auth/code', { body: { phone } }),
  login: (phone: string, code: string) =>
    request<ResidentMe>('POST', '/resident/auth/login', { body: { phone, code } }),
  logout: () => request<unknown>('POST', '/resident/auth/logout'),
  me: () => request<ResidentMe>('GET', '/resident/me'),
  units: () => request<Items<ResidentUnit>>('GET', '/resident/units'),
  bindByInvite: (code: string) => request<ResidentUnit>('POST', '/resident/bindings/invite', { body: { code } }),
  estates: (q: string) => request<Items<EstateOption>>('GET', '/resident/estates', { query: { q } }),
  bindByMatch: (input: MatchInput) => request<ResidentUnit>('POST', '/resident/bindings/match', { body: input }),
};
