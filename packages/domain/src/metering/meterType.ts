/** What a meter measures. Water and gas are read in m³, electricity in kWh. */
export const METER_TYPES = ['cold_water', 'hot_water', 'electricity', 'gas'] as const;
export type MeterType = (typeof METER_TYPES)[number];

export const METER_TYPE_LABELS: Record<MeterType, { zh: string; en: string; unit: string }> = {
  cold_water: { zh: '冷水表', en: 'Cold water', unit: 'm³' },
  hot_water: { zh: '热水表', en: 'Hot water', unit: 'm³' },
  electricity: { zh: '电表', en: 'Electricity', unit: 'kWh' },
  gas: { zh: '燃气表', en: 'Gas', unit: 'm³' },
};

export function isMeterType(value: unknown): value is MeterType {
  return typeof value === 'string' && (METER_TYPES as readonly string[]).includes(value);
}
