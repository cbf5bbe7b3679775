import type { BotContext } from '../../bot/context.ts';
import { type Application, withEntry } from '../../domain/recruitment.ts';
import { departmentName } from '../../handlers/recruitment/notice.ts';
import { type Content, textContent } from '../../messages/content.ts';
import { newUuid, type OutboxMessage, type Recipient } from '../../messages/outbox-message.ts';
import {
  applicationWrites,
  loadApplication,
  parseApplication,
  parseMembership,
} from '../../store/repos/recruitment.ts';
import type { Job } from '../job.ts';

type AppointOutcome =
  | { appointed: true; app: Application }
  | { appointed: false; why: 'gone' | 'not-due' | 'objection' };

/** An application whose notice is over may be appointed when no objection is open or upheld. */
export function appointable(app: Application, now: Date): AppointOutcome {
  if (app.state !== 'notice' || !app.department || !app.noticeUntil) return { appointed: false, why: 'gone' };
  if (Date.parse(app.noticeUntil) > now.getTime()) return { appointed: false, why: 'not-due' };
  if (app.objections.some((o) => o.status === 'open' || o.status === 'upheld'))
    return { appointed: false, why: 'objection' };
  return { appointed: true, app };
}

/**
 * Appoints one application whose notice ended: state, trail, the person's membership
 * (the `member` role) and the indexes, together with the messages to the applicant and
 * the department's heads, in one commit that re-reads the state. However often or
 * concurrently the job runs, an application is appointed (and announced) once.
 * (The seat was taken when the panel approved; it is not taken again.)
 */
export async function appoint(ctx: BotContext, id: string): Promise<AppointOutcome> {
  const { keys } = ctx;
  const appKey = keys.application(id);
  const current = await loadApplication(ctx.store, keys, id);
  if (!current) return { appointed: false, why: 'gone' };
  const memberKey = keys.member(current.applicant.openId);
  const now = ctx.now();
  const outcome = await ctx.store.commit<AppointOutcome>({
    watch: [appKey, memberKey],
    plan: (s) => {
      const app = parseApplication(s.values.get(appKey));
      if (!app || app.applicant.openId !== current.applicant.openId)
        return { result: { appointed: false, why: 'gone' } };
      const check = appointable(app, now);
      if (!check.appointed) return { result: check };
      const department = app.department as string;
      const at = now.toISOString();
      const next = withEntry(
        app,
        { at, by: 'system', action: 'appointed', department },
        {
          state: 'appointed',
          stageSince: at,
        },
      );
      const membership = parseMembership(s.values.get(memberKey));
      const departments = [...new Set([...membership.departments, department])].sort();
      return {
        writes: [
          ...applicationWrites(keys, next),
          { op: 'set', key: memberKey, value: JSON.stringify({ v: 1, departments }) },
        ],
        outbox: appointmentMessages(ctx, next),
        result: { appointed: true, app: next },
      };
    },
  });
  if (outcome.appointed) ctx.queued += appointmentMessages(ctx, outcome.app).length;
  return outcome;
}

/** The applicant and the department's heads are told (committed with the appointment). */
function appointmentMessages(ctx: BotContext, app: Application): OutboxMessage[] {
  const department = departmentName(ctx, app.department);
  const send = (to: Recipient, content: Content): OutboxMessage => ({
    kind: 'send',
    v: 1,
    uuid: newUuid(),
    to,
    ...content,
  });
  const heads = ctx.org.departments.find((d) => d.id === app.department)?.heads ?? [];
  return [
    send(
      { type: 'open_id', id: app.applicant.openId },
      textContent(ctx.t('appoint.applicant', { id: app.id, department })),
    ),
    ...ctx.directory
      .openIds(heads)
      .filter((openId) => openId !== app.applicant.openId)
      .map((openId) =>
        send(
          { type: 'open_id', id: openId },
          textContent(ctx.t('appoint.heads', { id: app.id, name: app.applicant.name, department })),
        ),
      ),
  ];
}

/**
 * Every 10 minutes: public notices that are over (SPEC §5). With no open or upheld
 * objection the applicant is appointed; an open objection holds the appointment until
 * the League committee decides it (the next run after that appoints).
 */
export const noticeClose: Job = {
  name: 'notice-close',
  cron: '*/10 * * * *',
  summary: 'job.notice-close',
  period: 'slot',
  reminder: false,
  catchUp: true,
  async run(ctx) {
    const due = await ctx.store.zrangeByScore(ctx.keys.appsInNotice, 0, ctx.now().getTime());
    let appointed = 0;
    let held = 0;
    for (const id of due) {
      const outcome = await appoint(ctx, id);
      if (outcome.appointed) appointed += 1;
      else if (outcome.why === 'objection') held += 1;
    }
    if (due.length > 0) ctx.log.info({ due: due.length, appointed, held }, 'notice-close: notices over');
  },
};
