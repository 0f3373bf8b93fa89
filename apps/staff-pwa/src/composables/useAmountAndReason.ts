/**
 * The amount and the reason of a money correction or refund, with the errors to show under them: the limits
 * the API checks (views/ledger/correction-form.ts), said in the screen's words (`texts`: the i18n prefix
 * holding `amountProblem.*` and `reasonProblem.*`). "Required" is said only once a submit was tried.
 */
import { formatYuan } from '@pm/domain';
import { computed, type Ref, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { amountProblem, REASON_MAX, reasonProblem } from '../views/ledger/correction-form';

export function useAmountAndReason(texts: string, limit: () => string | null | undefined, tried: Ref<boolean>) {
  const { t } = useI18n();
  const amount = ref('');
  const reason = ref('');
  const amountErr = computed(() => {
    const max = limit();
    const p = amountProblem(amount.value, max);
    if (!p || (p === 'required' && !tried.value)) return '';
    return t(`${texts}.amountProblem.${p}`, { limit: formatYuan(max ?? '0') });
  });
  const reasonErr = computed(() => {
    const p = reasonProblem(reason.value);
    if (!p || (p === 'required' && !tried.value)) return '';
    return t(`${texts}.reasonProblem.${p}`, { max: REASON_MAX });
  });
  /** Both may be sent as they are. */
  const amountAndReasonOk = computed(() => !amountProblem(amount.value, limit()) && !reasonProblem(reason.value));
  return { amount, reason, amountErr, reasonErr, amountAndReasonOk };
}
