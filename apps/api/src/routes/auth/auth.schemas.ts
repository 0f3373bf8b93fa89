import { z } from '@hono/zod-openapi';
import { PERMISSIONS, ROLES } from '@pm/domain';

/** A grant as one staff member sees their own: the Grant of /api/grants without the staff id. */
export const GrantSummarySchema = z
  .object({ id: z.uuid(), role: z.enum(ROLES), nodeId: z.uuid(), nodeName: z.string(), nodeKind: z.string() })
  .openapi('GrantSummary');

export const MeSchema = z
  .object({
    id: z.uuid(),
    username: z.string(),
    name: z.string(),
    phone: z.string().nullable(),
    homeNodeId: z.uuid(),
    grants: z.array(GrantSummarySchema),
    permissions: z.array(z.enum(PERMISSIONS)),
  })
  .openapi('Me');

export const LoginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});
