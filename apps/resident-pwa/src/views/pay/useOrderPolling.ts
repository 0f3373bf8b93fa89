/**
 * Follows a payment order after the provider hands the resident back: asks our server (never trusts the
 * provider's page or WeChat's sheet) every few seconds until the order is final — paid with its receipt,
 * failed, closed or expired — or until a time limit, after which the page says the result has not come yet
 * and offers a manual refresh. Coming back to the tab (visibilitychange) checks once more at once.
 */
import { ApiError } from '@pm/web/api';
import { computed, onBeforeUnmount, onMounted, ref, shallowRef } from 'vue';
import { FINAL_ORDER_STATES, type PaymentOrder, payApi } from '../../api/pay';
import { errorText } from '../../utils/errors';

/** How often and how long to poll (a mutable object so tests can shorten it). */
export const pollTiming = { intervalMs: 2000, timeoutMs: 60_000 };

/** Nothing more will change that the page shows: a final state, and for a paid one its receipt exists. */
export function isSettled(order: PaymentOrder): boolean {
  return FINAL_ORDER_STATES.includes(order.state) && (order.state !== 'paid' || order.receiptId !== null);
}

export function useOrderPolling(orderId: () => string | null) {
  const order = shallowRef<PaymentOrder | null>(null);
  const error = ref<string | null>(null);
  const notFound = ref(false);
  /** The time limit passed with the order still open. */
  const slow = ref(false);
  const checking = ref(false);
  const checkedAt = ref<Date | null>(null);
  const polling = ref(false);

  let timer: ReturnType<typeof setTimeout> | undefined;
  let deadline = 0;
  /** Bumped by every start/stop, so a check still in flight from an earlier round schedules nothing. */
  let round = 0;

  const settled = computed(() => !!order.value && isSettled(order.value));

  async function check() {
    const id = orderId();
    if (!id) {
      notFound.value = true;
      return;
    }
    checking.value = true;
    try {
      order.value = await payApi.order(id);
      error.value = null;
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) notFound.value = true;
      // Anything else (offline for a moment, a 5xx) is worth asking again: keep polling.
      else error.value = errorText(e);
    } finally {
      checking.value = false;
      checkedAt.value = new Date();
    }
  }

  function stop() {
    round += 1;
    clearTimeout(timer);
    timer = undefined;
    polling.value = false;
  }

  async function tick(mine: number) {
    await check();
    if (mine !== round) return;
    if (notFound.value || settled.value) return stop();
    if (Date.now() >= deadline) {
      slow.value = true;
      return stop();
    }
    timer = setTimeout(() => void tick(mine), pollTiming.intervalMs);
  }

  /** Checks now and keeps checking for another `timeoutMs`. Also the manual refresh. */
  function start() {
    stop();
    slow.value = false;
    polling.value = true;
    deadline = Date.now() + pollTiming.timeoutMs;
    void tick(round);
  }

  function onVisible() {
    if (document.visibilityState === 'visible' && !polling.value && !settled.value && !notFound.value) start();
  }

  onMounted(() => {
    document.addEventListener('visibilitychange', onVisible);
    start();
  });
  onBeforeUnmount(() => {
    stop();
    document.removeEventListener('visibilitychange', onVisible);
  });

  return { order, error, notFound, slow, checking, checkedAt, polling, settled, start };
}
