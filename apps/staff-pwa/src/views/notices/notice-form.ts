/**
 * The editor's form ⇄ the API's notice: the audience (whole estate, some buildings, some units), the expiry
 * as a day (the notice shows through the end of that day, Beijing time) and what changed since loading.
 */
import { todayInShanghai } from '@pm/domain';
import type { Notice, NoticeTarget, TargetInput } from '../../api/notices';
import type { Unit } from '../../api/types';

export type AudienceMode = 'estate' | 'buildings' | 'units';

/** A unit as the unit picker holds it; a target from the API has only its id and "楼栋 房号". */
export type PickedUnit = Pick<Unit, 'id' | 'buildingName' | 'number'>;

export interface NoticeForm {
  title: string;
  body: string;
  pinned: boolean;
  /** YYYY-MM-DD or '' for no expiry. */
  expiresOn: string;
  mode: AudienceMode;
  buildingIds: string[];
  units: PickedUnit[];
}

export const TITLE_MAX = 100;
export const BODY_MAX = 5000;

export function emptyForm(): NoticeForm {
  return { title: '', body: '', pinned: false, expiresOn: '', mode: 'estate', buildingIds: [], units: [] };
}

/** The last moment of the day in Beijing: "2026-12-31" → "2026-12-31T23:59:59+08:00". */
export const expiryOf = (day: string) => `${day}T23:59:59+08:00`;
/** The Beijing day of an instant ("2026-12-31T15:59:59Z" → "2026-12-31"). */
export const dayOf = (iso: string) => todayInShanghai(new Date(iso));

/** "2栋 2-101" → the unit picker's shape (the building is everything before the last space). */
export function unitOfTarget(t: NoticeTarget): PickedUnit {
  const cut = t.name.lastIndexOf(' ');
  return { id: t.id, buildingName: cut > 0 ? t.name.slice(0, cut) : '', number: cut > 0 ? t.name.slice(cut + 1) : t.name };
}

export function formOf(n: Notice): NoticeForm {
  const buildingIds = n.targets.filter((t) => t.kind === 'building').map((t) => t.id);
  const units = n.targets.filter((t) => t.kind === 'unit').map(unitOfTarget);
  const estate = n.targets.some((t) => t.kind === 'estate') || n.targets.length === 0;
  return {
    title: n.title,
    body: n.body,
    pinned: n.pinned,
    expiresOn: n.expiresAt ? dayOf(n.expiresAt) : '',
    mode: estate ? 'estate' : buildingIds.length ? 'buildings' : 'units',
    buildingIds,
    units,
  };
}

/** The audience as the API takes it: only the chosen mode's picks count. */
export function targetsOf(form: NoticeForm): TargetInput[] {
  if (form.mode === 'estate') return [{ kind: 'estate' }];
  if (form.mode === 'buildings') return form.buildingIds.map((buildingId) => ({ kind: 'building', buildingId }));
  return form.units.map((u) => ({ kind: 'unit', unitId: u.id }));
}

/** Who a notice is for, in words: "整个项目", or the buildings and units by name; `none` when nobody. */
export function audienceText(targets: readonly NoticeTarget[], words: { estate: string; none: string; sep: string }): string {
  if (targets.some((x) => x.kind === 'estate')) return words.estate;
  return targets.map((x) => x.name).join(words.sep) || words.none;
}

/** What is missing before the form can be saved: i18n keys under `notices.edit.invalid`. */
export function formProblems(form: NoticeForm, today: string): string[] {
  const problems: string[] = [];
  if (!form.title.trim()) problems.push('title');
  if (!form.body.trim()) problems.push('body');
  if (form.mode === 'buildings' && !form.buildingIds.length) problems.push('buildings');
  if (form.mode === 'units' && !form.units.length) problems.push('units');
  if (form.expiresOn && form.expiresOn < today) problems.push('expiry');
  return problems;
}
