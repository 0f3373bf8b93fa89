/**
 * Meter and reading codes in words, in the current language: meter types (with their unit) from
 * @pm/domain's METER_TYPE_LABELS, flags, statuses, usage kinds, explanations, scopes and rejection reasons
 * from the meterAdmin messages. A code we have no words for is shown as it came.
 */
import { isMeterType, METER_TYPE_LABELS, type ReadingExplanation } from '@pm/domain';
import { useI18n } from 'vue-i18n';

export function useMeterLabels() {
  const { t, te, locale } = useI18n();
  const word = (group: string, code: string | null | undefined) => {
    if (!code) return '';
    const key = `meterAdmin.${group}.${code}`;
    return te(key) ? t(key) : code;
  };
  return {
    type: (type: string) => (isMeterType(type) ? METER_TYPE_LABELS[type][locale.value === 'en' ? 'en' : 'zh'] : type),
    /** m³ or kWh. */
    unit: (type: string) => (isMeterType(type) ? METER_TYPE_LABELS[type].unit : ''),
    flag: (code: string) => word('flag', code),
    status: (code: string) => word('status', code),
    kind: (code: string | null) => word('kind', code),
    explanation: (code: string | null) => word('explanation', code),
    scope: (code: string) => word('scope', code),
    meterState: (code: string) => word('meterState', code),
    rejection: (code: string) => word('rejection', code),
  };
}

/** The Vant tag colour of a reading status. */
export const STATUS_TAG = { pending_review: 'warning', approved: 'success', sent_back: 'danger' } as const;

/** The review actions and what their forms give the screen to send. */
export type ReviewMode = 'approve' | 'send-back' | 'correct';
export type ReviewSubmit =
  | { mode: 'approve'; note: string }
  | { mode: 'send-back'; reason: string }
  | { mode: 'correct'; value: string; explanation: ReadingExplanation | null; note: string };
