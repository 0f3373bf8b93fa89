// The cashier screens remember their estate on this device under this key (see components/billing/estate-context.ts).
export const CASHIER_ESTATE_KEY = 'pm.cashier.estate';
