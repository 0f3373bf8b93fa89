/**
 * Resident endpoints (docs/api.md, "Resident") through the typed client. apiFetch has already thrown an
 * ApiError for any non-2xx answer, so `json()` here is always the success body.
 */
import { json } from '@pm/web/api';
import { api } from './client';
import type { EstateOption, Items, MatchInput, ResidentMe, ResidentUnit, SendCodeResult } from './types';

const r = api.resident;

export const residentApi = {
  sendCode: (phone: string): Promise<SendCodeResult> => json(r.auth.code.$post({ json: { phone } })),
  login: (phone: string, code: string): Promise<ResidentMe> => json(r.auth.login.$post({ json: { phone, code } })),
  logout: () => json(r.auth.logout.$post()),
  me: (): Promise<ResidentMe> => json(r.me.$get()),
  units: (): Promise<Items<ResidentUnit>> => json(r.units.$get()),
  bindByInvite: (code: string): Promise<ResidentUnit> => json(r.bindings.invite.$post({ json: { code } })),
  estates: (q: string): Promise<Items<EstateOption>> => json(r.estates.$get({ query: q ? { q } : {} })),
  bindByMatch: (input: MatchInput): Promise<ResidentUnit> => json(r.bindings.match.$post({ json: input })),
};
