/**
 * Work-order codes in words, in the current language: kinds, states, priorities, commands, SLA statuses,
 * locations and actors from @pm/domain's *_LABELS; categories from the domain's list (the server's name
 * for an estate's own category); a server refusal of a step as a sentence the technician understands.
 */
import {
  ACTOR_KIND_LABELS,
  findCategory,
  isActorKind,
  isWorkOrderCommand,
  isWorkOrderKind,
  isWorkOrderPriority,
  isWorkOrderState,
  SLA_STATUS_LABELS,
  type SlaStatus,
  WORK_ORDER_COMMAND_LABELS,
  WORK_ORDER_KIND_LABELS,
  WORK_ORDER_LOCATION_LABELS,
  WORK_ORDER_PRIORITY_LABELS,
  WORK_ORDER_STATE_LABELS,
  type WorkOrderCommand,
} from '@pm/domain';
import { useI18n } from 'vue-i18n';
import { messageIn } from '../lib/errors';
import type { Rejection } from '../offline';
import type { WorkOrderDetail } from './types';

type Tag = 'default' | 'primary' | 'success' | 'warning' | 'danger';

/** The Vant tag colour of an SLA status. */
export const SLA_TAG: Record<SlaStatus, Tag> = {
  on_track: 'success',
  at_risk: 'warning',
  overdue: 'danger',
  met: 'default',
  missed: 'danger',
  cancelled: 'default',
};

export const PRIORITY_TAG = { urgent: 'danger', high: 'warning', normal: 'primary', low: 'default' } as const satisfies Record<string, Tag>;

/** What a refusal's details carry (see docs/api.md: `details: { state, reason?, fields? }`). */
interface RefusalDetails {
  state?: string;
  reason?: string;
  fields?: (string | { field?: string })[];
}

export function useWorkOrderLabels() {
  const { t, te, locale } = useI18n();
  const lang = () => (locale.value === 'en' ? 'en' : 'zh');

  const kind = (code: string) => (isWorkOrderKind(code) ? WORK_ORDER_KIND_LABELS[code][lang()] : code);
  const state = (code: string | null | undefined) => (code && isWorkOrderState(code) ? WORK_ORDER_STATE_LABELS[code][lang()] : (code ?? ''));
  const priority = (code: string) => (isWorkOrderPriority(code) ? WORK_ORDER_PRIORITY_LABELS[code][lang()] : code);
  const command = (code: string) => (isWorkOrderCommand(code) ? WORK_ORDER_COMMAND_LABELS[code][lang()] : code);
  const sla = (code: SlaStatus) => SLA_STATUS_LABELS[code]?.[lang()] ?? code;
  const actor = (code: string) => (isActorKind(code) ? ACTOR_KIND_LABELS[code][lang()] : code);
  const category = (order: Pick<WorkOrderDetail, 'category' | 'categoryName'>) => {
    const c = findCategory(order.category);
    return c ? c[lang()] : order.categoryName || order.category;
  };
  /** "1栋 1-101" for a unit, "公区" for a common area. */
  const location = (order: Pick<WorkOrderDetail, 'location' | 'unitLabel'>) => {
    if (order.location === 'common_area') return WORK_ORDER_LOCATION_LABELS.common_area[lang()];
    return order.unitLabel ?? (order.location ? WORK_ORDER_LOCATION_LABELS[order.location][lang()] : '');
  };
  const field = (name: string) => {
    const key = `workOrders.tech.field.${name}`;
    return te(key) ? t(key) : name;
  };

  /** 45 → "45 分钟", 135 → "2 小时 15 分", 3000 → "2 天 2 小时" (whole minutes, sign ignored). */
  const duration = (minutes: number) => {
    const m = Math.abs(minutes);
    if (m < 60) return t('workOrders.tech.sla.minutes', { n: m });
    if (m < 1440) return t('workOrders.tech.sla.hours', { h: Math.floor(m / 60), m: m % 60 });
    return t('workOrders.tech.sla.days', { d: Math.floor(m / 1440), h: Math.floor((m % 1440) / 60) });
  };

  /**
   * Why the server refused a step, for the technician: someone else took the job, it was cancelled, it has
   * moved on, a field was missing… with the server's own message when we have no better words.
   */
  function rejection(r: Rejection, step: { command: WorkOrderCommand }): string {
    const details = (r.details ?? {}) as RefusalDetails;
    const current = (r.current as Partial<WorkOrderDetail> | undefined) ?? undefined;
    const now = details.state ?? current?.state;
    const fields = (details.fields ?? []).map((f) => field(typeof f === 'string' ? f : (f.field ?? ''))).join(t('common.sep'));
    switch (r.code) {
      case 'invalid_transition':
        if (now === 'cancelled') return t('workOrders.tech.rejection.cancelled');
        if (details.reason === 'grab_disabled') return t('workOrders.tech.rejection.grabDisabled');
        if (step.command === 'grab' && now && now !== 'submitted') {
          const who = current?.assigneeName;
          return who ? t('workOrders.tech.rejection.takenBy', { name: who }) : t('workOrders.tech.rejection.taken');
        }
        return now ? t('workOrders.tech.rejection.moved', { state: state(now) }) : t('workOrders.tech.rejection.generic');
      case 'not_allowed':
        return t('workOrders.tech.rejection.notAllowed');
      case 'missing_fields':
        return t('workOrders.tech.rejection.missingFields', { fields });
      case 'invalid_fields':
        return t('workOrders.tech.rejection.invalidFields', { fields });
      case 'frozen_field':
        return t('workOrders.tech.rejection.frozenField', { fields });
      default:
        return messageIn(r.message, locale.value) ?? (r.message || t('workOrders.tech.rejection.generic'));
    }
  }

  return { kind, state, priority, command, sla, actor, category, location, field, duration, rejection };
}
