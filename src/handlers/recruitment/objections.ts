import type { WorkContext } from '../../bot/context.ts';
import type { ObjectionCardModel } from '../../cards/recruitment/objection-card.ts';
import { trailLines } from '../../cards/recruitment/trail.ts';
import { collegeName, departmentName } from '../../domain/org-names.ts';
import type { Application, Objection } from '../../domain/recruitment.ts';
import { localDateTime } from '../../lib/dates.ts';

/** The track under which every copy of an objection card is recorded (to update them all). */
export function objectionTrack(id: string, n: number): string {
  return `objection:${id}:${n}`;
}

/** Who someone is on an application's cards: the name they gave in its trail, else the org file's. */
export function personOnApplication(ctx: WorkContext, app: Application, openId: string): string {
  return app.trail.find((e) => e.by === openId && e.name)?.name ?? ctx.directory.nameOf(openId) ?? openId;
}

/** A named objector: `张三（计算机学院）`, as recorded when they objected. */
function objectorText(ctx: WorkContext, app: Application, o: Objection): string {
  const name = o.byName ?? personOnApplication(ctx, app, o.by);
  return o.byCollege ? ctx.t('objection.card.objector', { name, college: o.byCollege }) : name;
}

/** The objection card's model, open or decided. An anonymous objector stays anonymous. */
export function objectionCardModel(ctx: WorkContext, app: Application, o: Objection): ObjectionCardModel {
  const tz = ctx.org.timezone;
  const who = (openId: string) =>
    openId === 'anonymous' ? ctx.t('objection.card.anonymous') : personOnApplication(ctx, app, openId);
  return {
    id: app.id,
    n: o.n,
    applicant: app.applicant.name,
    college: collegeName(ctx.org, app.applicant.college),
    department: departmentName(ctx.org, app.department),
    until: app.noticeUntil ? localDateTime(app.noticeUntil, tz) : '',
    by: o.by === 'anonymous' ? who(o.by) : objectorText(ctx, app, o),
    // Nobody could name them (outside the org file and the contact range): Feishu can.
    ...(o.by !== 'anonymous' && !o.byName && !ctx.directory.nameOf(o.by) ? { byOpenId: o.by } : {}),
    at: localDateTime(o.at, tz),
    reason: o.reason,
    trail: trailLines(app, ctx.org, ctx.t, (openId) => ctx.directory.nameOf(openId)),
    ...(o.status !== 'open' && o.resolvedBy && o.resolvedAt
      ? {
          resolved: {
            status: o.status,
            who: who(o.resolvedBy),
            when: localDateTime(o.resolvedAt, tz),
            reason: o.resolution ?? '',
          },
        }
      : {}),
  };
}
