/**
 * Who is logged in and which units they are bound to. The session itself is the httpOnly `pm_resident`
 * cookie; this store only mirrors `GET /api/resident/me`. It also owns the one-time-code flow (send with
 * a 60 s resend countdown, then log in) and which unit the screens show ("current unit").
 */
import { ApiError } from '@pm/web/api';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { residentApi } from '../api/resident';
import type { MatchInput, ResidentMe, ResidentUnit } from '../api/types';

export const RESEND_SECONDS = 60;
const CURRENT_UNIT_KEY = 'pm.resident.currentUnit';

function storage(): Storage | null {
  return typeof localStorage === 'undefined' ? null : localStorage;
}

/** Longest wait shown as a countdown on the button; longer ones are only said in the error text. */
const MAX_COUNTDOWN_SECONDS = 120;

/** A rate-limit answer says how long to wait: `details.retryAfterSeconds`. */
function retryAfterSeconds(e: unknown): number | null {
  if (!(e instanceof ApiError) || e.code !== 'rate_limited') return null;
  const n = Number((e.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds);
  return Number.isFinite(n) && n > 0 ? Math.ceil(n) : null;
}

export const useSessionStore = defineStore('session', () => {
  const me = ref<ResidentMe | null>(null);
  /** True once `me` has been asked for since the app started (whatever the answer). */
  const checked = ref(false);
  const units = ref<ResidentUnit[]>([]);
  const currentUnitId = ref<string | null>(storage()?.getItem(CURRENT_UNIT_KEY) ?? null);

  const isLoggedIn = computed(() => me.value !== null);
  const currentUnit = computed<ResidentUnit | null>(
    () => units.value.find((u) => u.unitId === currentUnitId.value) ?? units.value[0] ?? null,
  );

  // ---- one-time code with resend countdown ----
  const sending = ref(false);
  const resendAt = ref(0);
  const now = ref(Date.now());
  let timer: ReturnType<typeof setInterval> | null = null;
  const resendIn = computed(() => Math.max(0, Math.ceil((resendAt.value - now.value) / 1000)));
  const canSendCode = computed(() => !sending.value && resendIn.value === 0);

  function stopCountdown() {
    if (timer) clearInterval(timer);
    timer = null;
    resendAt.value = 0;
    now.value = Date.now();
  }

  function startCountdown(seconds: number) {
    if (timer) clearInterval(timer);
    now.value = Date.now();
    resendAt.value = now.value + seconds * 1000;
    timer = setInterval(() => {
      now.value = Date.now();
      if (now.value >= resendAt.value) stopCountdown();
    }, 1000);
  }

  async function sendCode(phone: string) {
    if (!canSendCode.value) return null;
    sending.value = true;
    try {
      const result = await residentApi.sendCode(phone);
      startCountdown(RESEND_SECONDS);
      return result;
    } catch (e) {
      const wait = retryAfterSeconds(e);
      if (wait && wait <= MAX_COUNTDOWN_SECONDS) startCountdown(wait);
      throw e;
    } finally {
      sending.value = false;
    }
  }

  // ---- session ----
  function setMe(value: ResidentMe | null) {
    me.value = value;
    units.value = value?.units ?? [];
    checked.value = true;
  }

  async function login(phone: string, code: string) {
    const result = await residentApi.login(phone, code);
    setMe(result);
    stopCountdown();
    return result;
  }

  /** Asks the API who is logged in; null when not (401). Other failures (offline, 5xx) are thrown. */
  async function fetchMe(): Promise<ResidentMe | null> {
    try {
      setMe(await residentApi.me());
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setMe(null);
      else throw e;
    }
    return me.value;
  }

  /** Forgets the session locally (after logout, or when the API says the cookie is no longer valid). */
  function clear() {
    setMe(null);
    selectUnit(null);
  }

  async function logout() {
    try {
      await residentApi.logout();
    } finally {
      clear();
    }
  }

  // ---- units ----
  async function refreshUnits() {
    units.value = (await residentApi.units()).items;
    if (me.value) me.value = { ...me.value, units: units.value };
    return units.value;
  }

  function selectUnit(unitId: string | null) {
    currentUnitId.value = unitId;
    if (unitId) storage()?.setItem(CURRENT_UNIT_KEY, unitId);
    else storage()?.removeItem(CURRENT_UNIT_KEY);
  }

  function addUnit(unit: ResidentUnit) {
    units.value = [...units.value.filter((u) => u.bindingId !== unit.bindingId), unit];
    if (me.value) me.value = { ...me.value, units: units.value };
    selectUnit(unit.unitId);
  }

  async function bindByInvite(code: string) {
    const unit = await residentApi.bindByInvite(code);
    addUnit(unit);
    return unit;
  }

  async function bindByMatch(input: MatchInput) {
    const unit = await residentApi.bindByMatch(input);
    addUnit(unit);
    return unit;
  }

  return {
    me,
    checked,
    units,
    currentUnitId,
    currentUnit,
    isLoggedIn,
    sending,
    resendIn,
    canSendCode,
    sendCode,
    login,
    fetchMe,
    logout,
    clear,
    refreshUnits,
    selectUnit,
    bindByInvite,
    bindByMatch,
  };
});
