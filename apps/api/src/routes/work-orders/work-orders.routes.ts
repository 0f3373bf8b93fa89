/** Work orders 工单 (issue 5). */
import { createRouter } from '../../lib/hono';

export const workOrdersRouter = createRouter();
