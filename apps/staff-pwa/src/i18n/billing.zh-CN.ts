// 收费 (cashier counter, fee items and standards, billing runs). English in ./billing.en.ts.
const billing = {
  cashierTitle: '收银',
  title: '收费管理',
};

export type BillingMessages = typeof billing;
export default billing;
