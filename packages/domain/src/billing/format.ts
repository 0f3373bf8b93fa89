/**
 * How quantities look inside an explanation. Amounts on the fen use `formatYuan` ('¥1,234.50'); these
 * helpers cover what is not an amount: areas and usages ('1,285', '89.37'), unit prices that may carry
 * more than two decimals ('¥2.35', '¥1.2345') and percentages ('30%'). All work on the decimal string,
 * never through a JS number, so what is shown is exactly what was computed.
 */
import { type Decimal, groupThousands, YUAN_SYMBOL } from '../money';

function grouped(text: string): string {
  const negative = text.startsWith('-');
  const [integer = '0', fraction] = (negative ? text.slice(1) : text).split('.');
  const body = groupThousands(integer, ',') + (fraction === undefined ? '' : `.${fraction}`);
  return negative ? `-${body}` : body;
}

/** A quantity without trailing zeros, integer part grouped: '1285' → '1,285', '89.370' → '89.37'. */
export function formatQuantity(value: Decimal): string {
  return grouped(value.toFixed());
}

/** A unit price: at least two decimals, more only when the price has them: '¥5.00', '¥1.2345'. */
export function formatPrice(value: Decimal): string {
  const text = value.toFixed(Math.max(2, value.decimalPlaces()));
  return text.startsWith('-') ? `-${YUAN_SYMBOL}${grouped(text.slice(1))}` : `${YUAN_SYMBOL}${grouped(text)}`;
}

/** A percentage as written: '30%', '12.5%'. */
export function formatPercent(value: Decimal): string {
  return `${value.toFixed()}%`;
}
