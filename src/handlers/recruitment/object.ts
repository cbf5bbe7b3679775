import type { Command } from '../../bot/command.ts';
import type { BotContext } from '../../bot/context.ts';
import { UserError } from '../../bot/errors.ts';
import { type ObjectionCardModel, objectionCard } from '../../cards/recruitment/objection-card.ts';
import { trailLines } from '../../cards/recruitment/trail.ts';
import type { Application, Objection, TrailEntry } from '../../domain/recruitment.ts';
import { cardContent } from '../../messages/content.ts';
import { applicationWrites, loadApplication, parseApplication } from '../../store/repos/recruitment.ts';
import { collegeName, departmentName, localTime, nameInDirectory } from './notice.ts';

const ANONYMOUS = new Set(['匿名', 'anonymous', 'anon']);
const APPLICATION_ID = /^R-\d{4}-\d{4,}$/i;
export const OBJECTION_MAX = 300;

/** Whether the application is in its public notice at `now` (objections are taken only then). */
export function inNotice(app: Application, now: Date): boolean {
  return app.state === 'notice' && !!app.noticeUntil && now.getTime() < Date.parse(app.noticeUntil);
}

/** The track under which every copy of an objection card is recorded (to update them all). */
export function objectionTrack(id: string, n: number): string {
  return `objection:${id}:${n}`;
}

/** The objection card's model, open or decided. An anonymous objector stays anonymous. */
export function objectionCardModel(ctx: BotContext, app: Application, o: Objection): ObjectionCardModel {
  const names = (openId: string) => nameInDirectory(ctx, openId);
  const who = (openId: string) =>
    openId === 'anonymous'
      ? ctx.t('objection.card.anonymous')
      : (app.trail.find((e) => e.by === openId && e.name)?.name ?? names(openId) ?? openId);
  return {
    id: app.id,
    n: o.n,
    applicant: app.applicant.name,
    college: collegeName(ctx, app.applicant.college),
    department: departmentName(ctx, app.department),
    until: app.noticeUntil ? localTime(ctx, app.noticeUntil) : '',
    by: who(o.by),
    at: localTime(ctx, o.at),
    reason: o.reason,
    trail: trailLines(app, ctx.org, ctx.t, names),
    ...(o.status !== 'open' && o.resolvedBy && o.resolvedAt
      ? {
          resolved: {
            status: o.status,
            who: who(o.resolvedBy),
            when: localTime(ctx, o.resolvedAt),
            reason: o.resolution ?? '',
          },
        }
      : {}),
  };
}

type ObjectOutcome =
  | { ok: true; app: Application; n: number }
  | { ok: false; why: 'missing' }
  | { ok: false; why: 'not-in-notice' };

/**
 * `/object <application> [匿名] <reason>` (`/异议`): anyone may object while an
 * application is in its public notice (source document 二(三): 接受广大同学监督).
 * An anonymous objection stores no trace of who made it: not in the objection, not in
 * the trail, not in the step's journal. It must be sent in a direct chat.
 */
export const object: Command = {
  name: 'object',
  aliases: ['异议'],
  section: 'recruitment',
  summary: 'cmd.object.summary',
  usage: 'cmd.object.usage',
  examples: 'cmd.object.examples',
  async run(ctx, command) {
    const [rawId, second] = command.args;
    if (!rawId || !APPLICATION_ID.test(rawId)) throw new UserError('object.usage');
    const id = rawId.toUpperCase();
    const anonymous = second !== undefined && ANONYMOUS.has(second.toLowerCase());
    if (anonymous && ctx.conversation.type === 'group') throw new UserError('object.anonymousInGroup');
    const words = anonymous ? 2 : 1;
    const reason = command.rest.replace(new RegExp(`^(\\S+\\s*){${words}}`), '').trim();
    if (!reason) throw new UserError('object.usage');
    if ([...reason].length > OBJECTION_MAX)
      throw new UserError('object.reasonLength', { max: OBJECTION_MAX, n: [...reason].length });

    const current = await loadApplication(ctx.store, ctx.keys, id);
    if (!current) throw new UserError('object.notFound', { id });
    if (!inNotice(current, ctx.now())) throw new UserError('object.notInNotice', { id });

    const appKey = ctx.keys.application(id);
    const now = ctx.now();
    const at = now.toISOString();
    const by = anonymous ? 'anonymous' : ctx.actor.openId;
    const outcome = await ctx.transact<ObjectOutcome>({
      watch: [appKey],
      plan: (s) => {
        const app = parseApplication(s.values.get(appKey));
        if (!app) return { result: { ok: false, why: 'missing' } };
        if (!inNotice(app, now)) return { result: { ok: false, why: 'not-in-notice' } };
        const n = app.objections.reduce((max, o) => Math.max(max, o.n), 0) + 1;
        const objection: Objection = { n, at, by, reason, status: 'open' };
        const entry: TrailEntry = {
          at,
          by,
          ...(!anonymous && ctx.actor.name ? { name: ctx.actor.name } : {}),
          action: 'objected',
          reason,
        };
        // The notice and its end stay as they are: only the objection and the trail change.
        const next: Application = {
          ...app,
          objections: [...app.objections, objection],
          updatedAt: at,
          rev: app.rev + 1,
          trail: [...app.trail, entry],
        };
        return { writes: applicationWrites(ctx.keys, next), result: { ok: true, app: next, n } };
      },
    });
    if (!outcome.ok) {
      throw new UserError(outcome.why === 'missing' ? 'object.notFound' : 'object.notInNotice', { id });
    }
    const objection = outcome.app.objections.find((o) => o.n === outcome.n);
    if (!objection) return;
    const card = objectionCard(objectionCardModel(ctx, outcome.app, objection), ctx.t);
    const sent = ctx.sendToPeople(ctx.org.leagueCommittee, cardContent(card), {
      chatId: ctx.org.chats.leagueCommittee,
      track: objectionTrack(id, outcome.n),
    });
    if (sent === 0)
      ctx.log.warn({ application: id }, 'objection: no League committee chat or people to send it to');
    ctx.reply(
      ctx.t(anonymous ? 'object.receivedAnonymous' : 'object.received', {
        id,
        name: outcome.app.applicant.name,
        n: outcome.n,
      }),
    );
  },
};
