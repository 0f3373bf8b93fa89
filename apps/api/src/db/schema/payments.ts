/** Online payments 线上支付: payment orders, provider notifications, refunds, reconciliation (issue 6). */
export {};
