/** Notices 公告 (issue 6): staff publish, residents read. */
import { createRouter } from '../../lib/hono';

export const noticesRouter = createRouter();
