/**
 * The words for an order in the current language: its state, kind, place and the SLA hint line. Shared by
 * the list cards and the detail so both say the same thing.
 */
import { useI18n } from 'vue-i18n';
import type { WorkOrderListItem } from '../../api/work-orders';
import { placeLabel } from './labels';
import { type Duration, type Hint, slaHint } from './sla-hint';

export function useWorkOrderText() {
  const { t } = useI18n();

  const durationText = (d: Duration) => t(d.key, { n: d.n });

  function hintText(h: Hint | null): string {
    if (!h) return '';
    return h.duration ? t(h.key, { d: durationText(h.duration) }) : t(h.key);
  }

  return {
    durationText,
    hintText,
    hint: (o: Parameters<typeof slaHint>[0]) => slaHint(o),
    stateText: (o: Pick<WorkOrderListItem, 'state'>) => t(`workOrders.state.${o.state}`),
    kindText: (o: Pick<WorkOrderListItem, 'kind'>) => t(`workOrders.kind.${o.kind}`),
    placeText: (o: Pick<WorkOrderListItem, 'estateName' | 'unitLabel' | 'location'>) =>
      placeLabel(o, t('workOrders.location.common_area')),
  };
}
