/**
 * The home screen's tiles: what the signed-in role may do, derived from `me.permissions` (the same
 * role table as the API, from @pm/domain). Later issues add their tiles here — 抄表 (meter reading),
 * 工单 (work orders), 收费 (billing) — each with the permission its route needs.
 */
import type { Permission } from '@pm/domain';

export interface Tile {
  key: string;
  /** A Vant icon name. */
  icon: string;
  /** Route name to open. */
  to: string;
  /** i18n key of the label. */
  label: string;
  color: string;
  /** Shown when the user holds any of these (deny by default: no list means nobody). */
  anyOf: readonly Permission[];
}

export const TILES: readonly Tile[] = [
  { key: 'property', icon: 'wap-home-o', to: 'estates', label: 'tiles.property', color: '#1989fa', anyOf: ['unit:read'] },
  { key: 'unit-search', icon: 'search', to: 'unit-search', label: 'tiles.unitSearch', color: '#07c160', anyOf: ['unit:read'] },
  { key: 'reading', icon: 'records-o', to: 'reading-routes', label: 'tiles.reading', color: '#00b0a8', anyOf: ['reading:write'] },
  {
    key: 'meter-admin',
    icon: 'bar-chart-o',
    to: 'meter-admin',
    label: 'tiles.meterAdmin',
    color: '#ee0a24',
    anyOf: ['meter:write', 'reading:review'],
  },
  { key: 'cashier', icon: 'balance-o', to: 'cashier', label: 'tiles.cashier', color: '#ff6034', anyOf: ['payment:collect'] },
  { key: 'billing', icon: 'bill-o', to: 'billing', label: 'tiles.billing', color: '#576b95', anyOf: ['fee:write', 'billing:run'] },
  { key: 'reports', icon: 'chart-trending-o', to: 'reports', label: 'tiles.reports', color: '#1989fa', anyOf: ['report:read'] },
  { key: 'reminders', icon: 'bullhorn-o', to: 'reminders', label: 'tiles.reminders', color: '#ee0a24', anyOf: ['charge:read'] },
  { key: 'notices', icon: 'volume-o', to: 'notices', label: 'notices.tile', color: '#07c160', anyOf: ['notice:write'] },
  { key: 'ledger', icon: 'edit', to: 'ledger', label: 'tiles.ledger', color: '#ed6a0c', anyOf: ['ledger:adjust', 'ledger:approve'] },
  { key: 'wo-board', icon: 'cluster-o', to: 'wo-board', label: 'tiles.woBoard', color: '#ff976a', anyOf: ['work_order:dispatch'] },
  { key: 'wo-new', icon: 'add-o', to: 'wo-new', label: 'tiles.woNew', color: '#07c160', anyOf: ['work_order:dispatch'] },
  { key: 'wo-tech', icon: 'todo-list-o', to: 'wo-my-jobs', label: 'tiles.myJobs', color: '#07c160', anyOf: ['work_order:work'] },
  { key: 'wo-kpi', icon: 'medal-o', to: 'wo-kpi', label: 'tiles.woKpi', color: '#7232dd', anyOf: ['report:read'] },
  { key: 'wo-settings', icon: 'setting-o', to: 'wo-settings', label: 'tiles.woSettings', color: '#576b95', anyOf: ['work_order:config'] },
  { key: 'staff', icon: 'friends-o', to: 'staff', label: 'tiles.staff', color: '#ff976a', anyOf: ['staff:read'] },
  { key: 'import', icon: 'description-o', to: 'import', label: 'tiles.import', color: '#7232dd', anyOf: ['import:write'] },
];

export function tilesFor(permissions: ReadonlySet<Permission> | readonly Permission[]): Tile[] {
  const has = permissions instanceof Set ? (p: Permission) => permissions.has(p) : (p: Permission) => (permissions as readonly Permission[]).includes(p);
  return TILES.filter((t) => t.anyOf.some(has));
}
