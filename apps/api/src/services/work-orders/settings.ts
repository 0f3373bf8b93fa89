/**
 * Per-estate work-order settings 工单设置: the categories (the domain's defaults, each may be switched off or
 * given its own windows and default priority), SLAs per priority, the at-risk share, the survey and reopen
 * windows, grabbing 抢单, whether completion needs a photo, and the paid-service price list 特约服务价目.
 * Stored as one JSON row per estate and turned into the domain's checked `WorkOrderPolicy`.
 */
import {
  DEFAULT_CATEGORIES,
  DEFAULT_SLAS,
  DEFAULT_WORK_ORDER_POLICY,
  type SlaMinutes,
  type WorkOrderCategory,
  type WorkOrderKind,
  WorkOrderError,
  type WorkOrderPolicy,
  type WorkOrderPriority,
  workOrderPolicy,
} from '@pm/domain';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db';
import { workOrderSettings } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import type { StaffContext } from '../../lib/context';
import { ValidationError } from '../../lib/errors';
import { authorizeNode } from '../../lib/scope';
import { authorizeEstateAny } from './access';

export interface CategorySetting {
  code: string;
  zh: string;
  en: string;
  kinds: WorkOrderKind[];
  priority: WorkOrderPriority;
  /** The category's own windows at its default priority; null: the priority's. */
  responseMinutes: number | null;
  completeMinutes: number | null;
  active: boolean;
}

export interface PriceItem {
  code: string;
  name: string;
  price: string;
  unit: string;
}

export interface SettingsView {
  estateId: string;
  categories: CategorySetting[];
  slas: Record<WorkOrderPriority, SlaMinutes>;
  atRiskShare: number;
  surveyDays: number;
  reopenWindowDays: number;
  allowGrab: boolean;
  completionPhotosRequired: boolean;
  priceList: PriceItem[];
}

type Stored = Omit<SettingsView, 'estateId'>;

function defaults(): Stored {
  return {
    categories: DEFAULT_CATEGORIES.map((c) => ({
      code: c.code,
      zh: c.zh,
      en: c.en,
      kinds: [...c.kinds],
      priority: c.defaultPriority,
      responseMinutes: null,
      completeMinutes: null,
      active: true,
    })),
    slas: { ...DEFAULT_SLAS },
    atRiskShare: DEFAULT_WORK_ORDER_POLICY.atRiskShare,
    surveyDays: DEFAULT_WORK_ORDER_POLICY.surveyDays,
    reopenWindowDays: DEFAULT_WORK_ORDER_POLICY.reopenWindowDays,
    allowGrab: DEFAULT_WORK_ORDER_POLICY.allowGrab,
    completionPhotosRequired: DEFAULT_WORK_ORDER_POLICY.completionPhotosRequired,
    priceList: [
      { code: 'visit', name: '上门费', price: '30.00', unit: '次' },
      { code: 'drain', name: '下水道疏通', price: '80.00', unit: '次' },
      { code: 'tap', name: '水龙头更换（不含材料）', price: '35.00', unit: '个' },
      { code: 'lamp', name: '灯具安装', price: '25.00', unit: '个' },
    ],
  };
}

/**
 * The domain policy of these settings. Switched-off categories stay known to the rules (orders filed under
 * them before keep working) but are not offered for new orders (see `activeCategories`).
 */
export function policyOf(s: Stored): WorkOrderPolicy {
  const categories: WorkOrderCategory[] = s.categories.map((c) => ({
    code: c.code,
    zh: c.zh,
    en: c.en,
    kinds: c.kinds,
    defaultPriority: c.priority,
    ...(c.responseMinutes !== null && c.completeMinutes !== null && { sla: { [c.priority]: { responseMinutes: c.responseMinutes, completeMinutes: c.completeMinutes } } }),
  }));
  return workOrderPolicy({
    categories,
    slas: s.slas,
    atRiskShare: s.atRiskShare,
    surveyDays: s.surveyDays,
    reopenWindowDays: s.reopenWindowDays,
    allowGrab: s.allowGrab,
    completionPhotosRequired: s.completionPhotosRequired,
  });
}

export async function loadSettings(db: DbOrTx, estateId: string): Promise<SettingsView & { policy: WorkOrderPolicy }> {
  const [row] = await db.select().from(workOrderSettings).where(eq(workOrderSettings.estateId, estateId));
  const stored = (row?.settings as Stored | undefined) ?? defaults();
  return { estateId, ...stored, policy: policyOf(stored) };
}

export async function getSettings({ ctx, estateId }: { ctx: StaffContext; estateId: string }): Promise<SettingsView> {
  // Technicians read them too (categories, the price list for a paid job) for their phone.
  await authorizeEstateAny(ctx, estateId, ['work_order:read', 'work_order:work', 'work_order:config']);
  const { policy: _p, ...view } = await loadSettings(ctx.db, estateId);
  return view;
}

export async function putSettings({ ctx, estateId, input }: { ctx: StaffContext; estateId: string; input: Stored }): Promise<SettingsView> {
  await authorizeNode(ctx.db, ctx.actor, estateId, 'work_order:config', 'work_order:read', 'estate');
  try {
    policyOf(input);
  } catch (e) {
    if (e instanceof WorkOrderError) throw new ValidationError(e.message, [{ path: 'settings', message: e.message }]);
    throw e;
  }
  const codes = new Set(input.priceList.map((p) => p.code));
  if (codes.size !== input.priceList.length) throw new ValidationError('price list codes must be unique', [{ path: 'priceList', message: 'duplicate code' }]);
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(workOrderSettings).where(eq(workOrderSettings.estateId, estateId));
    await tx
      .insert(workOrderSettings)
      .values({ estateId, settings: input, updatedAt: ctx.clock.now() })
      .onConflictDoUpdate({ target: workOrderSettings.estateId, set: { settings: input, updatedAt: ctx.clock.now() } });
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'update', entity: 'work_order_settings', entityId: estateId, before: before?.settings ?? null, after: input });
  });
  return getSettings({ ctx, estateId });
}

/** What a new order may be filed under: the active categories for the kind. */
export function activeCategories(s: Pick<SettingsView, 'categories'>, kind?: WorkOrderKind) {
  return s.categories.filter((c) => c.active && (!kind || c.kinds.includes(kind)));
}
