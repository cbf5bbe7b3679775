import type { Command, PendingItem, PendingSource } from '../../bot/command.ts';
import type { BotContext } from '../../bot/context.ts';
import { pendingCard } from '../../cards/recruitment/pending-card.ts';
import { type Actor, hasRole } from '../../domain/roles.ts';
import { PENDING_SOURCES } from '../sources.ts';

/** Everything waiting on the person, from every feature, longest waiting first. */
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
  liveRoles: true,
  allowed: (actor) =>
    hasRole(actor, 'leagueBranch', 'partyCommittee', 'leagueCommittee', 'presidium', 'head', 'member'),
  async run(ctx) {
    const items = await pendingFor(ctx, ctx.actor);
    if (items.length === 0) {
      ctx.reply(ctx.t('pending.none'));
      return;
    }
    ctx.replyCard(pendingCard(items, ctx.t));
  },
};
