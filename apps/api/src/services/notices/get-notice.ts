/** One notice with its body, audience and attachments, for staff who may see it. */
import type { StaffContext } from '../../lib/context';
import { loadStaffNotice } from './access';
import { staffNoticeDetail } from './view';

export async function getNotice({ ctx, id }: { ctx: StaffContext; id: string }) {
  await loadStaffNotice(ctx.db, ctx.actor, id, 'read');
  return staffNoticeDetail(ctx.db, id, ctx.clock.now());
}
