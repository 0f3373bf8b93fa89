/** Online payments (issue 6): payment orders, provider notifications, the sandbox cashier, refunds, reconciliation. */
import { createRouter } from '../../lib/hono';

export const paymentsRouter = createRouter();
