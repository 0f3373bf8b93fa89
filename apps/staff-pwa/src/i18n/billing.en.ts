import type { BillingMessages } from './billing.zh-CN';

const billing: BillingMessages = {
  cashierTitle: 'Cashier',
  title: 'Billing',
};

export default billing;
