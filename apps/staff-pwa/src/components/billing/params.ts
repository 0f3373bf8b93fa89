/**
 * Fee-standard prices 收费标准参数 as a form holds them (every field a string, one form for all kinds), and
 * as the API takes them (`params` per kind); the checks the form makes before sending, and the words a
 * standard is shown in ("按建筑面积 ¥2.35/m²·月"). Prices stay decimal strings: never a JS number.
 */
import { compare, formatPrice, isMoneyString, toDecimal } from '@pm/domain';
import type {
  AreaBasisOption,
  Assignment,
  MeterTypeOption,
  ShareBasisOption,
  StandardKind,
  StandardParams,
  Tier,
} from '../../api/billing';

export interface TierRow {
  /** Upper bound of cumulative yearly usage; ignored (no bound) on the last row. */
  upTo: string;
  price: string;
}

export interface ParamsForm {
  unitPrice: string;
  areaBasis: AreaBasisOption;
  amount: string;
  meterType: MeterTypeOption;
  pricing: 'flat' | 'tiers';
  price: string;
  tiers: TierRow[];
  basis: ShareBasisOption;
}

export function emptyParamsForm(): ParamsForm {
  return {
    unitPrice: '',
    areaBasis: 'building_area',
    amount: '',
    meterType: 'cold_water',
    pricing: 'flat',
    price: '',
    tiers: [
      { upTo: '', price: '' },
      { upTo: '', price: '' },
    ],
    basis: 'building_area',
  };
}

/** The form filled from a standard's params (to revise its price). */
export function paramsFormFrom(kind: StandardKind, params: StandardParams): ParamsForm {
  const form = emptyParamsForm();
  const p = params as Partial<Record<string, unknown>>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  if (kind === 'area') {
    form.unitPrice = str(p.unitPrice);
    if (p.areaBasis === 'inside_area') form.areaBasis = 'inside_area';
  } else if (kind === 'fixed') {
    form.amount = str(p.amount);
  } else {
    if (typeof p.meterType === 'string') form.meterType = p.meterType as MeterTypeOption;
    if (kind === 'shared' && typeof p.basis === 'string') form.basis = p.basis as ShareBasisOption;
    if (kind === 'metered' && Array.isArray(p.tiers)) {
      form.pricing = 'tiers';
      form.tiers = (p.tiers as Tier[]).map((tier) => ({ upTo: tier.upTo ?? '', price: tier.price }));
    } else form.price = str(p.price);
  }
  return form;
}

/** The params the API takes for `kind`, from the form (trimmed; check `paramsProblems` first). */
export function paramsFrom(kind: StandardKind, form: ParamsForm): StandardParams {
  switch (kind) {
    case 'area':
      return { unitPrice: form.unitPrice.trim(), areaBasis: form.areaBasis };
    case 'fixed':
      return { amount: form.amount.trim() };
    case 'metered':
      return form.pricing === 'tiers'
        ? {
            meterType: form.meterType,
            tiers: form.tiers.map((row, i) => ({ upTo: i === form.tiers.length - 1 ? null : row.upTo.trim(), price: row.price.trim() })),
          }
        : { meterType: form.meterType, price: form.price.trim() };
    case 'shared':
      return { meterType: form.meterType, basis: form.basis, price: form.price.trim() };
  }
}

const PRICE = /^\d{1,10}(\.\d{1,6})?$/;
const USAGE = /^\d{1,10}(\.\d{1,4})?$/;
const positive = (v: string) => compare(v, '0') > 0;

/** A unit price: up to 6 decimals (as the API keeps them), more than zero. */
export function isPrice(text: string): boolean {
  const v = text.trim();
  return PRICE.test(v) && positive(v);
}

/** An amount on the fen, more than zero. */
export function isAmount(text: string): boolean {
  const v = text.trim();
  return /^\d{1,12}(\.\d{1,2})?$/.test(v) && isMoneyString(v, { allowNegative: false }) && positive(v);
}

/** A percentage 0–100 with at most two decimals. */
export function isPercent(text: string, { positiveOnly = false } = {}): boolean {
  const v = text.trim();
  return /^\d{1,3}(\.\d{1,2})?$/.test(v) && compare(v, '100') <= 0 && (!positiveOnly || positive(v));
}

export type ParamsField = 'unitPrice' | 'amount' | 'price' | 'tiers';

/** What is wrong with the form for `kind`: field → i18n key of the message; empty when it can be sent. */
export function paramsProblems(kind: StandardKind, form: ParamsForm): Partial<Record<ParamsField, string>> {
  const out: Partial<Record<ParamsField, string>> = {};
  if (kind === 'area' && !isPrice(form.unitPrice)) out.unitPrice = 'billing.params.priceInvalid';
  if (kind === 'fixed' && !isAmount(form.amount)) out.amount = 'billing.params.amountInvalid';
  if ((kind === 'shared' || (kind === 'metered' && form.pricing === 'flat')) && !isPrice(form.price)) out.price = 'billing.params.priceInvalid';
  if (kind === 'metered' && form.pricing === 'tiers') {
    const rows = form.tiers;
    if (rows.length < 2) out.tiers = 'billing.params.tiersTooFew';
    else if (rows.some((r) => !isPrice(r.price))) out.tiers = 'billing.params.priceInvalid';
    else {
      const bounds = rows.slice(0, -1).map((r) => r.upTo.trim());
      if (bounds.some((b) => !USAGE.test(b) || !positive(b))) out.tiers = 'billing.params.tierBoundInvalid';
      else if (bounds.some((b, i) => i > 0 && compare(b, bounds[i - 1]!) <= 0)) out.tiers = 'billing.params.tiersNotIncreasing';
    }
  }
  return out;
}

// ---- words ------------------------------------------------------------------------------------------------

type T = (key: string, named?: Record<string, unknown>) => string;

const price = (v: string) => {
  try {
    return formatPrice(toDecimal(v));
  } catch {
    return v;
  }
};

/** A standard's prices in words, in the user's language. */
export function describeParams(t: T, kind: StandardKind, params: StandardParams): string {
  const p = params as Partial<Record<string, unknown>>;
  const s = (v: unknown) => (typeof v === 'string' ? v : '');
  const meter = typeof p.meterType === 'string' ? p.meterType : 'cold_water';
  const unit = t(`billing.meterUnit.${meter}`);
  switch (kind) {
    case 'area':
      return t('billing.describe.area', { price: price(s(p.unitPrice)), basis: t(`billing.areaBasis.${s(p.areaBasis) || 'building_area'}`) });
    case 'fixed':
      return t('billing.describe.fixed', { amount: price(s(p.amount)) });
    case 'metered': {
      const meterName = t(`billing.meterType.${meter}`);
      if (Array.isArray(p.tiers)) {
        const tiers = p.tiers as Tier[];
        const parts = tiers.map((tier, i) => {
          const from = i === 0 ? null : tiers[i - 1]?.upTo;
          if (tier.upTo === null) return t('billing.describe.tierOver', { from: from ?? '0', unit, price: price(tier.price) });
          return from === null || from === undefined
            ? t('billing.describe.tierUpTo', { upTo: tier.upTo, unit, price: price(tier.price) })
            : t('billing.describe.tierBetween', { from, upTo: tier.upTo, unit, price: price(tier.price) });
        });
        return t('billing.describe.tiers', { meter: meterName, tiers: parts.join(t('billing.describe.tierSep')) });
      }
      return t('billing.describe.metered', { meter: meterName, price: price(s(p.price)), unit });
    }
    case 'shared':
      return t('billing.describe.shared', {
        meter: t(`billing.meterType.${meter}`),
        basis: t(`billing.shareBasis.${s(p.basis) || 'building_area'}`),
        price: price(s(p.price)),
        unit,
      });
  }
}

/** Where a standard applies, in words: the whole estate, or the buildings / units named. */
export function describeAssignments(t: T, assignments: readonly Assignment[]): string {
  if (!assignments.length) return t('billing.standards.unassigned');
  if (assignments.some((a) => a.targetKind === 'estate')) return t('billing.standards.wholeEstate');
  const buildings = assignments.filter((a) => a.targetKind === 'building').map((a) => a.targetName);
  const units = assignments.filter((a) => a.targetKind === 'unit').map((a) => a.targetName);
  const parts: string[] = [];
  if (buildings.length) parts.push(t('billing.standards.buildings', { names: buildings.join(t('common.sep')) }));
  if (units.length) parts.push(t('billing.standards.units', { names: units.join(t('common.sep')) }));
  return parts.join(t('billing.describe.tierSep'));
}
