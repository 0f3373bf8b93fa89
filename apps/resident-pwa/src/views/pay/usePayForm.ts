/**
 * The 缴费 tab's state and its one action: a unit's account (owed, prepaid, outstanding charges), which
 * charges are picked (all pickable ones by default), a prepayment 预存, the channel, the total — on decimal
 * strings (./picking.ts) — and paying: create a payment order with `expectedTotal`, then hand it to the
 * provider (./launch.ts).
 *
 * The idempotency key follows the counter's rule (staff-pwa CashierAccountView): it is made when the form
 * opens and kept until the server has answered for sure. A retry after a network error or a 5xx sends the
 * same key, so an order that was in fact created comes back as the same order and pay data, never a second
 * one; the form is frozen meanwhile so the retry is exactly that submission. A definite answer (an order, or
 * a 4xx: nothing was created) makes a new key. 409 amount_changed / charge_settled / charge_locked reload
 * the account (keeping what is still pickable of the resident's picks) and say what changed.
 */
import { compare, formatYuan, toChineseCapital } from '@pm/domain';
import { ApiError } from '@pm/web/api';
import { computed, onBeforeUnmount, onMounted, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRouter } from 'vue-router';
import {
  type AmountChangedDetails,
  type ChannelOption,
  type ChargeIdsDetails,
  type PayAccount,
  type PayChannel,
  payApi,
} from '../../api/pay';
import { errorText } from '../../utils/errors';
import { newIdempotencyKey } from './idempotency';
import { type LaunchOutcome, launchPayment } from './launch';
import {
  chargesTotal,
  groupByPeriod,
  isPickable,
  isPrepaymentValid,
  olderLeftOut,
  outstanding,
  payTotal,
  prepaymentAmount,
} from './picking';
import { isInWechat } from './wechat';

export interface PayNotice {
  tone: 'warning' | 'danger';
  title: string;
  text: string;
}

/** Inside WeChat the bridge's pay sheet is the natural choice; elsewhere keep the server's order. */
function preferredChannel(list: readonly ChannelOption[], inWechat: boolean): PayChannel | null {
  if (inWechat && list.some((c) => c.channel === 'wechat_jsapi')) return 'wechat_jsapi';
  return list[0]?.channel ?? null;
}

export function usePayForm() {
  const { t } = useI18n();
  const router = useRouter();
  const inWechat = isInWechat();

  const unitId = ref<string | null>(null);
  const account = shallowRef<PayAccount | null>(null);
  const loading = ref(false);
  const loadError = ref<string | null>(null);
  let loadSeq = 0;

  const channels = ref<ChannelOption[] | null>(null);
  const channelsError = ref<string | null>(null);
  const channel = ref<PayChannel | null>(null);

  const picked = ref<string[]>([]);
  const prepayment = ref('');
  let idempotencyKey = newIdempotencyKey();
  const submitting = ref(false);
  /** The last attempt got no answer (network, 5xx): the next one is a retry with the same key. */
  const outcomeUnknown = ref(false);
  const notice = ref<PayNotice | null>(null);

  const charges = computed(() => outstanding(account.value?.charges ?? []));
  const groups = computed(() => groupByPeriod(charges.value));
  const pickableIds = computed(() => charges.value.filter(isPickable).map((c) => c.id));
  const pickedSet = computed(() => new Set(picked.value));
  const allPicked = computed(() => pickableIds.value.length > 0 && pickableIds.value.every((id) => pickedSet.value.has(id)));
  const prepaymentOk = computed(() => isPrepaymentValid(prepayment.value));
  const prepaymentValue = computed(() => prepaymentAmount(prepayment.value));
  const total = computed(() => payTotal(charges.value, pickedSet.value, prepaymentOk.value ? prepayment.value : ''));
  const picksTotal = computed(() => chargesTotal(charges.value, pickedSet.value));
  const pickedCount = computed(() => pickableIds.value.filter((id) => pickedSet.value.has(id)).length);
  const totalWords = computed(() => toChineseCapital(total.value));
  const leftOut = computed(() => olderLeftOut(charges.value, pickedSet.value));
  /** A prepayment settles what is still open right away (oldest due first): say so when some is left open. */
  const prepayOffsets = computed(() => !!prepaymentValue.value && pickableIds.value.some((id) => !pickedSet.value.has(id)));
  const canPay = computed(
    () => compare(total.value, '0') > 0 && prepaymentOk.value && channel.value !== null && !!account.value && !submitting.value,
  );

  /** A new submission: a new key, nothing frozen, no stale notice. */
  function resetSubmission() {
    idempotencyKey = newIdempotencyKey();
    outcomeUnknown.value = false;
  }

  /**
   * Loads the unit's account. `keep`: ids to keep picked if still pickable (after a conflict or a
   * cancelled payment); otherwise every pickable charge is picked (the default: pay everything owed).
   */
  async function load(keep?: readonly string[]) {
    const id = unitId.value;
    if (!id) return;
    const seq = ++loadSeq;
    loading.value = true;
    loadError.value = null;
    try {
      const res = await payApi.account(id);
      if (seq !== loadSeq) return; // the unit was switched meanwhile
      account.value = res;
      const pickable = outstanding(res.charges).filter(isPickable).map((c) => c.id);
      picked.value = keep ? pickable.filter((c) => keep.includes(c)) : pickable;
    } catch (e) {
      if (seq === loadSeq) loadError.value = errorText(e, 'pay.errors');
    } finally {
      if (seq === loadSeq) loading.value = false;
    }
  }

  async function loadChannels() {
    channelsError.value = null;
    try {
      const { channels: list } = await payApi.channels(inWechat);
      channels.value = list;
      if (!list.some((c) => c.channel === channel.value)) channel.value = preferredChannel(list, inWechat);
    } catch (e) {
      channelsError.value = errorText(e);
    }
  }

  /** Shows another unit: its account, a fresh form. */
  function open(id: string | null) {
    if (id === unitId.value) return;
    unitId.value = id;
    account.value = null;
    picked.value = [];
    prepayment.value = '';
    notice.value = null;
    resetSubmission();
    void load();
  }

  function toggle(id: string) {
    if (outcomeUnknown.value || !pickableIds.value.includes(id)) return;
    picked.value = pickedSet.value.has(id) ? picked.value.filter((x) => x !== id) : [...picked.value, id];
  }
  function isGroupPicked(ids: readonly string[]) {
    return ids.length > 0 && ids.every((id) => pickedSet.value.has(id));
  }
  function toggleGroup(ids: readonly string[]) {
    if (outcomeUnknown.value || !ids.length) return;
    if (isGroupPicked(ids)) picked.value = picked.value.filter((id) => !ids.includes(id));
    else picked.value = [...picked.value, ...ids.filter((id) => !pickedSet.value.has(id))];
  }
  function toggleAll() {
    toggleGroup(pickableIds.value);
  }

  /** "2025-05 物业费、2025-06 水费" for the ids a 409 names. */
  function describe(ids: readonly string[]): string {
    const names = new Map(charges.value.map((c) => [c.id, `${c.period} ${c.feeItemName}`]));
    return ids
      .map((id) => names.get(id))
      .filter(Boolean)
      .join(t('pay.sep'));
  }

  async function explainConflict(e: ApiError, before: readonly string[]) {
    const ids = (e.details as Partial<ChargeIdsDetails> | undefined)?.chargeIds ?? [];
    const which = describe(ids);
    const sentTotal = total.value;
    await load(before);
    if (e.code === 'charge_settled') {
      notice.value = {
        tone: 'warning',
        title: t('pay.notice.settledTitle'),
        text: which ? t('pay.notice.settledText', { which }) : t('pay.notice.settledTextAny'),
      };
    } else if (e.code === 'charge_locked') {
      notice.value = {
        tone: 'warning',
        title: t('pay.notice.lockedTitle'),
        text: which ? t('pay.notice.lockedText', { which }) : t('pay.notice.lockedTextAny'),
      };
    } else {
      const d = (e.details as Partial<AmountChangedDetails> | undefined) ?? {};
      notice.value = {
        tone: 'warning',
        title: t('pay.notice.changedTitle'),
        text: t('pay.notice.changedText', { before: formatYuan(d.expectedTotal ?? sentTotal), now: formatYuan(total.value) }),
      };
    }
  }

  /** After WeChat's sheet was cancelled or failed: free the charges, show the account as it now is. */
  async function afterSheet(orderId: string, outcome: Exclude<LaunchOutcome, 'left' | 'ok'>, before: readonly string[]) {
    await payApi.closeOrder(orderId).catch(() => undefined); // it also expires by itself if this is not heard
    await load(before);
    const key = outcome === 'cancel' ? 'cancelled' : outcome === 'fail' ? 'wechatFailed' : 'noBridge';
    notice.value = { tone: outcome === 'cancel' ? 'warning' : 'danger', title: t(`pay.notice.${key}Title`), text: t(`pay.notice.${key}Text`) };
  }

  async function submit(returnUrl: string) {
    const acc = account.value;
    if (!acc || !channel.value || !canPay.value) return;
    submitting.value = true;
    notice.value = null;
    const before = [...picked.value];
    let leaving = false;
    try {
      let created: Awaited<ReturnType<typeof payApi.createOrder>>;
      try {
        created = await payApi.createOrder({
          idempotencyKey,
          unitId: acc.unit.id,
          chargeIds: charges.value.filter((c) => pickedSet.value.has(c.id) && isPickable(c)).map((c) => c.id),
          ...(prepaymentValue.value && { prepayment: prepaymentValue.value }),
          channel: channel.value,
          expectedTotal: total.value,
          returnUrl,
        });
      } catch (e) {
        if (e instanceof ApiError && (e.isNetwork || e.status >= 500)) {
          // No answer: the order may or may not exist. Retry with the same key.
          outcomeUnknown.value = true;
          notice.value = { tone: 'danger', title: t('pay.notice.unknownTitle'), text: `${errorText(e)}${t('pay.notice.unknownText')}` };
          return;
        }
        // A definite answer: nothing was created, the next submission is a new one.
        resetSubmission();
        if (e instanceof ApiError && ['amount_changed', 'charge_settled', 'charge_locked'].includes(e.code)) await explainConflict(e, before);
        else notice.value = { tone: 'danger', title: t('pay.notice.failedTitle'), text: errorText(e, 'pay.errors') };
        return;
      }
      resetSubmission();
      const outcome = await launchPayment(created.order.id, created.pay);
      if (outcome === 'left') {
        leaving = true; // keep the button busy while the browser goes to the provider's page
        return;
      }
      if (outcome === 'ok') {
        await router.push({ name: 'pay-result', query: { order: created.order.id } });
        return;
      }
      await afterSheet(created.order.id, outcome, before);
    } finally {
      if (!leaving) submitting.value = false;
    }
  }

  /**
   * Back from the provider's page with the browser's back button: a page restored from the back/forward
   * cache still shows the busy button and the charges as they were. Refresh both (some may now be 支付中).
   */
  function onPageShow(e: PageTransitionEvent) {
    if (!e.persisted) return;
    submitting.value = false;
    resetSubmission();
    void load(picked.value);
  }
  onMounted(() => {
    window.addEventListener('pageshow', onPageShow);
    void loadChannels();
  });
  onBeforeUnmount(() => window.removeEventListener('pageshow', onPageShow));

  return {
    account,
    loading,
    loadError,
    load,
    open,
    channels,
    channelsError,
    channel,
    loadChannels,
    charges,
    groups,
    picked,
    pickableIds,
    allPicked,
    prepayment,
    prepaymentOk,
    prepaymentValue,
    total,
    picksTotal,
    pickedCount,
    totalWords,
    leftOut,
    prepayOffsets,
    canPay,
    submitting,
    outcomeUnknown,
    notice,
    toggle,
    isGroupPicked,
    toggleGroup,
    toggleAll,
    submit,
  };
}
