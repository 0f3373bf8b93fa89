/**
 * Fee standards 收费标准: how a fee item is computed for a unit. A discriminated union on `kind`; every
 * quantity is a decimal string. Each standard may name its rounding rule (`rounding`, `roundingUnit`);
 * by default a line is rounded once, ROUND_HALF_UP 四舍五入, to the fen.
 */
import type { BillingCycle } from './cycle';
import type { RoundingRule } from './roundLine';

export const FEE_KINDS = ['area', 'fixed', 'metered', 'shared'] as const;
export type FeeKind = (typeof FEE_KINDS)[number];

/** Which area of a unit a standard uses: 建筑面积 (the default in most contracts) or 套内面积. */
export const AREA_BASES = ['building_area', 'inside_area'] as const;
export type AreaBasis = (typeof AREA_BASES)[number];

/** How a shared 公摊 amount is split: by building area, by inside area, or equally per household 按户. */
export const SHARE_BASES = ['building_area', 'inside_area', 'household'] as const;
export type ShareBasis = (typeof SHARE_BASES)[number];

export const SHARE_BASIS_LABELS: Readonly<Record<ShareBasis, string>> = {
  building_area: '建筑面积',
  inside_area: '套内面积',
  household: '户数',
};

/** 物业费 style: unit price per m² per month × the unit's area × the months billed. */
export interface AreaFeeStandard extends RoundingRule {
  kind: 'area';
  /** ¥ per m² per month ("2.35"), up to 8 decimals. */
  unitPrice: string;
  areaBasis: AreaBasis;
  cycle: BillingCycle;
}

/** 停车费 style: a fixed amount per unit per cycle ("300.00" a month, "900.00" a quarter). */
export interface FixedFeeStandard extends RoundingRule {
  kind: 'fixed';
  /** ¥ per unit per cycle, on the fen. */
  amount: string;
  cycle: BillingCycle;
}

/**
 * One step of a progressive tariff 阶梯: it covers cumulative annual usage above the previous tier's
 * `upTo` up to and including its own `upTo`; the last tier has `upTo: null` (no upper bound).
 */
export interface FeeTier {
  upTo: string | null;
  price: string;
}

/** 水费/电费/燃气费 style: usage × a flat `price`, or × progressive `tiers` on cumulative annual usage. */
export type MeteredFeeStandard = RoundingRule & { kind: 'metered' } & (
    | { price: string; tiers?: undefined }
    | { tiers: readonly FeeTier[]; price?: undefined }
  );

/**
 * 公摊 style: a total (given, or the master meter's usage × `price`) split over units by `basis` with the
 * largest remainder, so the shares sum exactly to the total.
 */
export interface SharedFeeStandard extends RoundingRule {
  kind: 'shared';
  basis: ShareBasis;
  /** ¥ per unit of usage, needed when the input gives a usage instead of a total. */
  price?: string;
}

export type FeeStandard = AreaFeeStandard | FixedFeeStandard | MeteredFeeStandard | SharedFeeStandard;

/** The cycle a period fee bills: its first month and, for the first bill of a unit, the charge start date. */
export interface PeriodInput {
  /** The cycle's first month, "YYYY-MM". */
  period: string;
  /** 计费起始日 "YYYY-MM-DD" (Beijing); a start inside the cycle pro-rates it (see billedMonths). */
  startDate?: string;
}

/** A unit's areas in m², decimal strings with at most 4 decimals; the standard says which one counts. */
export interface UnitAreas {
  buildingArea?: string;
  insideArea?: string;
}

export interface AreaChargeInput extends PeriodInput, UnitAreas {}

export type FixedChargeInput = PeriodInput;

export interface MeteredChargeInput {
  /** Usage from the approved reading (multiplier applied), at most 4 decimals. */
  usage: string;
  /** Usage already billed this year, for tiers; default "0". */
  usedBefore?: string;
  /** The readings, only to explain the usage: "(1,285 − 1,263) × 1". Give previous and current together. */
  previous?: string;
  current?: string;
  /** 倍率, default "1" when readings are given. */
  multiplier?: string;
}

/** A unit sharing a 公摊 amount. */
export interface SharedUnit extends UnitAreas {
  unitId: string;
}

export type SharedChargeInput = { units: readonly SharedUnit[] } & (
  | { total: string; usage?: undefined }
  | { usage: string; total?: undefined }
);

/** What every charge computation returns: the rounded amount and why, in words a resident can check. */
export interface ChargeLine {
  /** On the fen, two decimals: "210.02". */
  amount: string;
  /** e.g. "89.37 m² × ¥2.35/m²·月 × 1 月 = ¥210.02". */
  explanation: string;
}
