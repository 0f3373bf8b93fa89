/**
 * The checks the meter forms share (register a meter, record a replacement), as van-field rules in the
 * current language: a serial, a reading (up to 3 decimals), a multiplier 倍率 (> 0, up to 4 decimals) and
 * the dial digits (4–10). The API checks them again.
 */
import { computed } from 'vue';
import { useI18n } from 'vue-i18n';

const READING = /^\d{1,10}(\.\d{1,3})?$/;
const MULTIPLIER = /^\d{1,10}(\.\d{1,4})?$/;
const isMultiplier = (v: string) => MULTIPLIER.test(v) && /[1-9]/.test(v);
const isDigits = (v: string) => /^\d+$/.test(v) && Number(v) >= 4 && Number(v) <= 10;

export function useMeterRules() {
  const { t } = useI18n();
  return computed(() => ({
    serial: [{ required: true, message: t('common.required') }],
    reading: [{ pattern: READING, message: t('meterAdmin.form.readingInvalid') }],
    multiplier: [{ validator: isMultiplier, message: t('meterAdmin.form.multiplierInvalid') }],
    digits: [{ validator: isDigits, message: t('meterAdmin.form.digitsInvalid') }],
  }));
}
