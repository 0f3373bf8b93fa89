/**
 * 线上对账 codes in words, in the current language: providers, sources, statuses and mismatch kinds (with what a
 * kind means and what finance should do) from the reconciliation messages. A code we have no words for is shown
 * as it came (a kind: with the general advice).
 */
import { useI18n } from 'vue-i18n';
import type { ReconciliationStatus } from '../../api/payments';

export function useReconciliationLabels() {
  const { t, te } = useI18n();
  const word = (group: string, code: string) => {
    const key = `reconciliation.${group}.${code}`;
    return te(key) ? t(key) : code;
  };
  return {
    provider: (code: string) => word('provider', code),
    source: (code: string) => word('source', code),
    sourceHint: (code: string) => word('sourceHint', code),
    status: (code: string) => word('status', code),
    kind: (code: string) => word('kind', code),
    kindHint: (code: string) => (te(`reconciliation.kindHint.${code}`) ? t(`reconciliation.kindHint.${code}`) : t('reconciliation.kindHint.other')),
  };
}

/** The Vant tag colour of a run's status. */
export const RUN_STATUS_TAG = { running: 'primary', done: 'success', failed: 'danger', waiting: 'warning' } as const satisfies Record<ReconciliationStatus, string>;
