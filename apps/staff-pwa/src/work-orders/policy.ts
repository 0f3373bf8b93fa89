/**
 * The estate's work-order policy on the phone, for the domain rules that depend on it: whether grabbing
 * from the pool is on, whether completing needs a photo, how early a deadline counts as at risk.
 *
 * From the estate's cached settings when the server let us read them; otherwise the defaults, corrected by
 * what the downloaded orders themselves say (the server's `forms` name completionPhotos when the estate
 * requires it; a pool order offered for grabbing means grabbing is on).
 */
import { DEFAULT_WORK_ORDER_POLICY, type WorkOrderPolicy, workOrderPolicy } from '@pm/domain';
import type { WorkOrderDetail, WorkOrderSettings } from './types';

function fromSettings(settings: WorkOrderSettings): WorkOrderPolicy | null {
  try {
    return workOrderPolicy({
      atRiskShare: settings.atRiskShare,
      surveyDays: settings.surveyDays,
      reopenWindowDays: settings.reopenWindowDays,
      allowGrab: settings.allowGrab,
      completionPhotosRequired: settings.completionPhotosRequired,
    });
  } catch {
    // Settings the rules cannot use (an older server, a half-saved form): fall back to what the orders say.
    return null;
  }
}

function inferred(orders: readonly WorkOrderDetail[]): WorkOrderPolicy {
  const photos = orders.some((o) => o.forms?.complete?.requires.includes('completionPhotos'));
  const grabOffered = orders.some((o) => o.allowed?.includes('grab'));
  const grabRefused = orders.some((o) => o.state === 'submitted' && o.assigneeId === null && o.allowed !== undefined && !o.allowed.includes('grab'));
  return workOrderPolicy({
    completionPhotosRequired: photos || DEFAULT_WORK_ORDER_POLICY.completionPhotosRequired,
    allowGrab: grabOffered || (!grabRefused && DEFAULT_WORK_ORDER_POLICY.allowGrab),
  });
}

/**
 * Estate id → policy, for the estates of `orders`. `settings` is the download's cache (estate id → the
 * settings as the server sent them, or nothing).
 */
export function policiesByEstate(orders: readonly WorkOrderDetail[], settings: Readonly<Record<string, unknown>>): Map<string, WorkOrderPolicy> {
  const out = new Map<string, WorkOrderPolicy>();
  const byEstate = new Map<string, WorkOrderDetail[]>();
  for (const o of orders) byEstate.set(o.estateId, [...(byEstate.get(o.estateId) ?? []), o]);
  for (const [estateId, list] of byEstate) {
    const cached = settings[estateId] as WorkOrderSettings | undefined;
    out.set(estateId, (cached && fromSettings(cached)) ?? inferred(list));
  }
  return out;
}

/** The price list of an estate, if its settings were cached. */
export function priceListOf(settings: Readonly<Record<string, unknown>>, estateId: string): WorkOrderSettings['priceList'] {
  const cached = settings[estateId] as WorkOrderSettings | undefined;
  return Array.isArray(cached?.priceList) ? cached.priceList : [];
}
