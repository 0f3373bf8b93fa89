/**
 * Who is signed in. `me` comes from `GET /api/me`; permissions and roles are derived from it and only
 * decide what the app offers — the API checks every request against the same role table anyway.
 *
 * The last `me` is remembered so that a technician who opens the app with no signal (a basement) still
 * gets in: a network failure keeps the remembered session, a 401 from the server always ends it.
 */
import { type Permission, type Role, ROLE_RANK, canGrantRole, ROLES } from '@pm/domain';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import * as authApi from '../api/auth';
import { ApiError } from '../api/client';
import type { Me } from '../api/types';

export type SessionStatus = 'unknown' | 'authenticated' | 'anonymous';

const CACHE_KEY = 'pm.staff.me';

function readCache(): Me | null {
  try {
    const raw = localStorage.getItem(CACHE_KEY);
    return raw ? (JSON.parse(raw) as Me) : null;
  } catch {
    return null;
  }
}

function writeCache(me: Me | null) {
  try {
    if (me) localStorage.setItem(CACHE_KEY, JSON.stringify(me));
    else localStorage.removeItem(CACHE_KEY);
  } catch {
    // storage full or disabled: the session still works, just not offline
  }
}

export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null);
  const status = ref<SessionStatus>('unknown');
  /** True when `me` is the remembered copy because the server could not be reached. */
  const offline = ref(false);
  let pending: Promise<void> | null = null;

  const isAuthenticated = computed(() => status.value === 'authenticated' && me.value !== null);
  const permissions = computed(() => new Set<Permission>(me.value?.permissions ?? []));
  /** Distinct roles, highest rank first. */
  const roles = computed<Role[]>(() => {
    const set = new Set((me.value?.grants ?? []).map((g) => g.role));
    return ROLES.filter((r) => set.has(r)).sort((a, b) => ROLE_RANK[b] - ROLE_RANK[a]);
  });
  /** Roles this account may hand out to others (never above its own rank). */
  const grantableRoles = computed<Role[]>(() =>
    ROLES.filter((target) => roles.value.some((mine) => canGrantRole(mine, target))),
  );

  function can(permission: Permission): boolean {
    return permissions.value.has(permission);
  }

  function set(next: Me | null) {
    me.value = next;
    status.value = next ? 'authenticated' : 'anonymous';
    writeCache(next);
  }

  /**
   * Asks the server who we are. 401 → anonymous (and the remembered copy is dropped); the server out of
   * reach (network failure, 5xx) → the remembered session, if there is one. Never throws.
   */
  async function load(): Promise<void> {
    try {
      const fresh = await authApi.fetchMe();
      offline.value = false;
      set(fresh);
    } catch (e) {
      const unreachable = e instanceof ApiError && (e.isNetwork || e.status >= 500);
      if (unreachable) {
        const cached = readCache();
        offline.value = cached !== null;
        me.value = cached;
        status.value = cached ? 'authenticated' : 'anonymous';
        return;
      }
      offline.value = false;
      set(null);
    }
  }

  /** Loads once; concurrent callers (router guard, screens) share the one request. */
  function ensure(): Promise<void> {
    if (status.value !== 'unknown') return Promise.resolve();
    pending ??= load().finally(() => {
      pending = null;
    });
    return pending;
  }

  async function login(username: string, password: string): Promise<Me> {
    const result = await authApi.login(username, password);
    offline.value = false;
    set(result);
    return result;
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout();
    } finally {
      // Signed out locally even when the server cannot be told (offline): the cookie expires on its own.
      clear();
    }
  }

  /** Forget the session without asking the server (it already said 401). */
  function clear() {
    offline.value = false;
    set(null);
  }

  return { me, status, offline, isAuthenticated, permissions, roles, grantableRoles, can, load, ensure, login, logout, clear };
});
