/**
 * Work-order codes in words, in the current language: kinds, states, priorities, commands, SLA statuses,
 * actor kinds and locations come from @pm/domain's *_LABELS (the one place both apps and the API read
 * them); durations and refusals from the workOrders.cs messages. A code we have no words for is shown as
 * it came.
 */
import {
  ACTOR_KIND_LABELS,
  isActorKind,
  isWorkOrderCommand,
  isWorkOrderKind,
  isWorkOrderPriority,
  isWorkOrderState,
  SLA_STATUS_LABELS,
  SLA_STATUSES,
  type SlaStatus,
  WORK_ORDER_COMMAND_LABELS,
  WORK_ORDER_KIND_LABELS,
  WORK_ORDER_LOCATION_LABELS,
  WORK_ORDER_PRIORITY_LABELS,
  WORK_ORDER_STATE_LABELS,
  type WorkOrderState,
} from '@pm/domain';
import { useI18n } from 'vue-i18n';
import { ApiError } from '../../../api/client';
import { useErrorText } from '../../../composables/useErrorText';

type Labels = Readonly<Record<string, { zh: string; en: string }>>;

const isSla = (v: string): v is SlaStatus => (SLA_STATUSES as readonly string[]).includes(v);

export function useWorkOrderLabels() {
  const { t, te, locale } = useI18n();
  const errorText = useErrorText();
  const lang = () => (locale.value === 'en' ? 'en' : 'zh');
  const pick = (labels: Labels, known: boolean, code: string) => (known ? (labels[code]?.[lang()] ?? code) : code);

  const state = (code: string | null | undefined) => (code ? pick(WORK_ORDER_STATE_LABELS, isWorkOrderState(code), code) : '');
  const command = (code: string) => {
    if (code === 'submit') return t('workOrders.cs.event.open');
    if (code === 'comment') return t('workOrders.cs.event.comment');
    return pick(WORK_ORDER_COMMAND_LABELS, isWorkOrderCommand(code), code);
  };

  /**
   * A refusal of a command in words, with the state the order is in now (`details.state`): "这张工单已被
   * 其他人处理（当前状态：已派单）". Other errors (network, 5xx) as usual.
   */
  function refusal(e: unknown): string {
    if (!(e instanceof ApiError) || e.status < 400 || e.status >= 500) return errorText(e);
    const details = (e.details ?? {}) as { state?: unknown; reason?: unknown; fields?: unknown };
    const reasonKey = typeof details.reason === 'string' ? `workOrders.cs.refusal.reason.${details.reason}` : '';
    const codeKey = `workOrders.cs.refusal.code.${e.code}`;
    const text = reasonKey && te(reasonKey) ? t(reasonKey) : te(codeKey) ? t(codeKey) : errorText(e);
    const fieldName = (f: string) => (te(`workOrders.cs.inputField.${f}`) ? t(`workOrders.cs.inputField.${f}`) : f);
    const fields = Array.isArray(details.fields)
      ? details.fields
          .map((f) => (typeof f === 'string' ? f : typeof f?.field === 'string' ? f.field : ''))
          .filter(Boolean)
          .map(fieldName)
      : [];
    const withFields = fields.length ? t('workOrders.cs.refusal.fields', { text, fields: fields.join(t('common.sep')) }) : text;
    return typeof details.state === 'string' ? t('workOrders.cs.refusal.now', { text: withFields, state: state(details.state) }) : withFields;
  }

  return {
    kind: (code: string) => pick(WORK_ORDER_KIND_LABELS, isWorkOrderKind(code), code),
    state,
    priority: (code: string) => pick(WORK_ORDER_PRIORITY_LABELS, isWorkOrderPriority(code), code),
    command,
    sla: (code: string) => pick(SLA_STATUS_LABELS, isSla(code), code),
    actor: (code: string) => pick(ACTOR_KIND_LABELS, isActorKind(code), code),
    location: (code: string | null) => (code ? pick(WORK_ORDER_LOCATION_LABELS, code === 'unit' || code === 'common_area', code) : ''),
    /** 95 → "1 小时 35 分"; 120 → "2 小时"; under an hour "35 分钟"; from a day "2 天 3 小时" (minutes dropped). */
    minutes: (value: number | string | null | undefined) => {
      if (value === null || value === undefined || value === '') return '—';
      const total = Math.round(Number(value));
      if (!Number.isFinite(total)) return String(value);
      const d = Math.floor(total / 1440);
      const h = Math.floor((total % 1440) / 60);
      const m = total % 60;
      if (d > 0) return h > 0 ? t('workOrders.cs.duration.days', { d, h }) : t('workOrders.cs.duration.wholeDays', { d });
      if (h > 0) return m > 0 ? t('workOrders.cs.duration.hours', { h, m }) : t('workOrders.cs.duration.wholeHours', { h });
      return t('workOrders.cs.duration.minutes', { m });
    },
    refusal,
  };
}

/** The Vant tag colour of a state: waiting on us (warning), being worked (primary), done (success), stopped (default). */
export function stateTag(state: WorkOrderState): 'primary' | 'success' | 'warning' | 'danger' | 'default' {
  switch (state) {
    case 'submitted':
      return 'warning';
    case 'assigned':
    case 'accepted':
    case 'in_progress':
    case 'acknowledged':
    case 'handling':
      return 'primary';
    case 'on_hold':
      return 'danger';
    case 'completed':
    case 'responded':
    case 'closed':
      return 'success';
    default:
      return 'default';
  }
}

/** The Vant tag colour of an SLA clock. */
export const SLA_TAG: Readonly<Record<SlaStatus, 'primary' | 'success' | 'warning' | 'danger' | 'default'>> = {
  on_track: 'primary',
  at_risk: 'warning',
  overdue: 'danger',
  met: 'success',
  missed: 'danger',
  cancelled: 'default',
};
