import type { Command } from '../../bot/command.ts';
import type { BotContext } from '../../bot/context.ts';
import { pendingCard } from '../../cards/recruitment/pending-card.ts';
import { stageLabel } from '../../cards/recruitment/trail.ts';
import { collegeName } from '../../domain/org-names.ts';
import { daysWaiting, deciderOf, isApprover } from '../../domain/recruitment.ts';
import { type Actor, hasRole } from '../../domain/roles.ts';

/** One thing waiting on someone: an application today; tickets later. */
export interface PendingItem {
  /** The line shown in the list. */
  line: string;
  /** When it started waiting (ISO): the list is oldest first. */
  since: string;
  id: string;
}

/** Where pending items come from. A later feature (tickets) adds its source to {@link PENDING_SOURCES}. */
export type PendingSource = (ctx: BotContext, actor: Actor) => Promise<PendingItem[]>;

/** Applications in review whose current stage this person may decide (their college, their role). */
export const applicationsWaitingOn: PendingSource = async (ctx, actor) => {
  const { org, t } = ctx;
  const apps = await ctx.repos.recruitment.inReview();
  const now = ctx.now();
  return apps
    .filter((app) => {
      const stage = org.recruitment.stages[app.stage];
      return (
        app.state === 'review' &&
        stage !== undefined &&
        app.applicant.openId !== actor.openId &&
        isApprover(actor, deciderOf(app, stage), app.applicant.college)
      );
    })
    .map((app) => ({
      id: app.id,
      since: app.stageSince,
      line: t('pending.application', {
        id: app.id,
        name: app.applicant.name,
        college: collegeName(org, app.applicant.college),
        stage: stageLabel(app, org, t),
        days: daysWaiting(app.stageSince, now),
      }),
    }));
};

export const PENDING_SOURCES: readonly PendingSource[] = [applicationsWaitingOn];

/** Everything waiting on the person, from every source, longest waiting first. */
export async function pendingFor(
  ctx: BotContext,
  actor: Actor,
  sources: readonly PendingSource[] = PENDING_SOURCES,
): Promise<PendingItem[]> {
  const items = (await Promise.all(sources.map((s) => s(ctx, actor)))).flat();
  return items.sort((a, b) => a.since.localeCompare(b.since) || a.id.localeCompare(b.id));
}

/** `/pending`: what waits on me. Applicant names are shown, so it continues in a direct chat. */
export const pending: Command = {
  name: 'pending',
  aliases: ['待办'],
  section: 'recruitment',
  summary: 'cmd.pending.summary',
  usage: 'cmd.pending.usage',
  private: true,
  allowed: (actor) => hasRole(actor, 'leagueBranch', 'partyCommittee', 'leagueCommittee', 'presidium'),
  async run(ctx) {
    const items = await pendingFor(ctx, ctx.actor);
    if (items.length === 0) {
      ctx.reply(ctx.t('pending.none'));
      return;
    }
    ctx.replyCard(pendingCard(items, ctx.t));
  },
};
