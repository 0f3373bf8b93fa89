// 缴费 bills, payment, prepayment and e-receipts (issue 6). English in ./pay.en.ts.
const pay = {
  title: '缴费',
};

export type PayMessages = typeof pay;
export default pay;
