// The billing screens remember their estate on this device under this key (see components/billing/estate-context.ts).
export const BILLING_ESTATE_KEY = 'pm.billing.estate';
