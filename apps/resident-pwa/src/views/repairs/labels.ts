/**
 * How an order looks on the resident's screens: the tag colour of its state, a category's name in the
 * current language, where it is. The words themselves are i18n messages under `workOrders`.
 */
import type { WorkOrderState } from '@pm/domain';
import type { WorkOrderCategoryOption, WorkOrderListItem } from '../../api/work-orders';

export type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'default';

/** Green while it moves, orange when it waits (on hold, or for the resident's rating), grey once over. */
export function stateTagType(state: WorkOrderState): TagType {
  switch (state) {
    case 'on_hold':
    case 'completed':
    case 'responded':
      return 'warning';
    case 'closed':
    case 'cancelled':
      return 'default';
    default:
      return 'primary';
  }
}

/** A category option's name in the app's language (the estate configures both). */
export function categoryLabel(c: Pick<WorkOrderCategoryOption, 'zh' | 'en'>, locale: string): string {
  return locale === 'en' ? c.en || c.zh : c.zh || c.en;
}

/** "阳光花园 · 1栋 1-101", or the estate and "公共区域" for a common area. */
export function placeLabel(o: Pick<WorkOrderListItem, 'estateName' | 'unitLabel' | 'location'>, commonArea: string): string {
  const where = o.location === 'common_area' || !o.unitLabel ? commonArea : o.unitLabel;
  return [o.estateName, where].filter(Boolean).join(' · ');
}
