import { DateTime } from 'luxon';
import type { BotContext } from '../../bot/context.ts';
import { noticeCard } from '../../cards/recruitment/notice-card.ts';
import type { Application } from '../../domain/recruitment.ts';
import { cardContent } from '../../messages/content.ts';

/** A time in the org's time zone, as a notice or an objection card shows it. */
export function localTime(ctx: BotContext, iso: string): string {
  return DateTime.fromISO(iso).setZone(ctx.org.timezone).toFormat('yyyy-MM-dd HH:mm');
}

/** A department's or college's name from the org file (its id when unknown). */
export function departmentName(ctx: BotContext, id: string | undefined): string {
  return ctx.org.departments.find((d) => d.id === id)?.name ?? id ?? '';
}

export function collegeName(ctx: BotContext, id: string): string {
  return ctx.org.colleges.find((c) => c.id === id)?.name ?? id;
}

/**
 * Posts the public notice (公示) for an application that passed the panel: to the
 * announcements chat, or (none configured) to each of the presidium, with a warning.
 * It names the applicant, college and department only: no student number, no phone.
 * Buffered on the context, so it is committed with the caller's step.
 */
export function postNotice(ctx: BotContext, app: Application): void {
  if (app.state !== 'notice' || !app.noticeUntil) return;
  const card = noticeCard(
    {
      id: app.id,
      name: app.applicant.name,
      college: collegeName(ctx, app.applicant.college),
      department: departmentName(ctx, app.department),
      until: localTime(ctx, app.noticeUntil),
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

/** A person's display name from the org file, if they are in it. */
export function nameInDirectory(ctx: BotContext, openId: string): string | undefined {
  return ctx.directory.people().find((p) => p.openId === openId)?.name;
}
