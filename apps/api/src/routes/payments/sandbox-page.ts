/**
 * The sandbox cashier's HTML (zh-CN first, English beneath): the amount, what is paid, and two buttons that post
 * to /api/payments/sandbox/cashier/succeed|fail. Plain forms, no script (the CSP allows none inline), inline CSS.
 */
const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const STYLE = `body{font-family:system-ui,-apple-system,'PingFang SC','Noto Sans CJK SC',sans-serif;margin:0;background:#f2f2f2;color:#222}
main{max-width:420px;margin:0 auto;padding:24px 16px}
.card{background:#fff;border-radius:12px;padding:24px;text-align:center}
.tag{display:inline-block;background:#fff3cd;color:#8a6d00;border-radius:4px;padding:2px 8px;font-size:12px}
.amount{font-size:40px;font-weight:600;margin:16px 0 4px}
.muted{color:#888;font-size:13px;margin:4px 0}
form{margin:12px 0 0}
button{width:100%;border:0;border-radius:8px;padding:14px;font-size:17px}
.ok{background:#07c160;color:#fff}
.fail{background:#fff;color:#e64340;border:1px solid #e64340}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

export function cashierPage(input: { outTradeNo: string; amount: string; description: string; state: string }): string {
  const open = input.state === 'created' || input.state === 'pending';
  const buttons = open
    ? `<form method="post" action="/api/payments/sandbox/cashier/succeed"><input type="hidden" name="order" value="${esc(input.outTradeNo)}"><button class="ok" type="submit">支付成功 Pay</button></form>
<form method="post" action="/api/payments/sandbox/cashier/fail"><input type="hidden" name="order" value="${esc(input.outTradeNo)}"><button class="fail" type="submit">支付失败 Fail</button></form>`
    : `<p class="muted">该订单已${esc(input.state === 'paid' ? '支付' : '结束')} This order is ${esc(input.state)}</p>`;
  return page(
    '模拟支付 Sandbox cashier',
    `<div class="card"><span class="tag">沙箱 Sandbox · 不会真实扣款 no real money</span>
<div class="amount">${esc(input.amount)}</div>
<p class="muted">${esc(input.description)}</p>
<p class="muted">订单号 Order ${esc(input.outTradeNo)}</p>
${buttons}</div>`,
  );
}

export function cashierMessage(message: string, back: string | null): string {
  return page(
    '模拟支付 Sandbox cashier',
    `<div class="card"><p>${esc(message)}</p>${back ? `<p><a href="${esc(back)}">返回 Back</a></p>` : ''}</div>`,
  );
}
