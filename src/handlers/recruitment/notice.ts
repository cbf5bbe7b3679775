import type { WorkContext } from '../../bot/context.ts';
import { noticeCard } from '../../cards/recruitment/notice-card.ts';
import { collegeName, departmentName } from '../../domain/org-names.ts';
import type { Application } from '../../domain/recruitment.ts';
import { localDateTime } from '../../lib/dates.ts';
import { cardContent } from '../../messages/content.ts';

/**
 * Posts the public notice (公示) for an application that passed the panel: to the
 * announcements chat, or (none configured) to each of the presidium, with a warning.
 * It names the applicant, college and department only: no student number, no phone.
 * Buffered in the unit of work, so it is committed with the decision.
 */
export function postNotice(ctx: WorkContext, app: Application): void {
  if (app.state !== 'notice' || !app.noticeUntil) return;
  const card = noticeCard(
    {
      id: app.id,
      name: app.applicant.name,
      college: collegeName(ctx.org, app.applicant.college),
      department: departmentName(ctx.org, app.department),
      until: localDateTime(app.noticeUntil, ctx.org.timezone),
    },
    ctx.t,
  );
  const chatId = ctx.org.chats.announcements;
  if (chatId) {
    ctx.sendCard({ type: 'chat_id', id: chatId }, card);
    return;
  }
  ctx.log.warn(
    { application: app.id },
    'notice: no announcements chat (chats.announcements) in the org file; the notice goes to the presidium',
  );
  const sent = ctx.sendToPeople(ctx.org.presidium, cardContent(card));
  if (sent === 0) ctx.log.warn({ application: app.id }, 'notice: nobody to post the notice to');
}
