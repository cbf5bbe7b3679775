import type { Command } from '../../bot/command.ts';
import type { BotContext } from '../../bot/context.ts';
import { UserError } from '../../bot/errors.ts';
import { categoryCard, feedbackFormCard } from '../../cards/grievances/ticket-cards.ts';
import { categoryOf, reporterReply, TICKET_TEXT_MAX } from '../../domain/tickets.ts';
import { fileTicket } from './filing.ts';
import { refreshCards, refusal, reporterOf, TICKET_ID, tellHandlers, unitName } from './tickets.ts';

const ANONYMOUS = new Set(['匿名', 'anonymous', 'anon']);
const REPLY = new Set(['回复', 'reply']);

/**
 * `/feedback [匿名] [category] [text]` (`/诉求`, `/反馈`): files a grievance. Nothing but
 * the command: the form. Text with a category: filed at once. Text alone: the category is
 * asked. `/诉求 回复 <id> <text>`: the reporter answers (relayed, also when anonymous).
 * In a group it continues in a direct chat: nothing personal is posted there.
 */
export const feedback: Command = {
  name: 'feedback',
  aliases: ['诉求', '反馈'],
  section: 'general',
  summary: 'cmd.feedback.summary',
  usage: 'cmd.feedback.usage',
  examples: 'cmd.feedback.examples',
  private: true,
  async run(ctx, command) {
    const words = [...command.args];
    if (words[0] && REPLY.has(words[0].toLowerCase())) return relay(ctx, command.rest);
    const anonymous = words[0] !== undefined && ANONYMOUS.has(words[0].toLowerCase());
    if (anonymous) words.shift();
    const category = words[0] ? categoryOf(ctx.org, words[0]) : undefined;
    if (category) words.shift();
    const text = words.join(' ').trim();
    if (!text) {
      ctx.replyCard(feedbackFormCard(ctx.org, ctx.t));
      return;
    }
    if ([...text].length > TICKET_TEXT_MAX)
      throw new UserError('ticket.invalid', {
        problems: ctx.t('ticket.problem.textLength', { max: TICKET_TEXT_MAX, n: [...text].length }),
      });
    if (!category) {
      ctx.replyCard(categoryCard(ctx.org, text, anonymous, ctx.t));
      return;
    }
    await fileTicket(
      ctx,
      { category: category.id, text, anonymous, contact: false, cosignable: true },
      { force: false },
    );
  },
};

/** The reporter writes back on their ticket: relayed to whoever handles it; a waiting ticket resumes. */
async function relay(ctx: BotContext, rest: string): Promise<void> {
  const m = /^\S+\s+(\S+)\s+([\s\S]+)$/.exec(rest.trim());
  const id = m?.[1]?.toUpperCase() ?? '';
  const text = m?.[2]?.trim() ?? '';
  if (!TICKET_ID.test(id) || !text) throw new UserError('ticket.reply.usage');
  if ([...text].length > TICKET_TEXT_MAX)
    throw new UserError('ticket.refused.textLength', { max: TICKET_TEXT_MAX });
  const current = await ctx.repos.tickets.get(id);
  if (!current) throw new UserError('ticket.refused.missing', { id });
  if (reporterOf(ctx, current) !== ctx.actor.openId)
    throw new UserError('ticket.refused.notReporter', { id });
  const outcome = await ctx.repos.tickets.step(ctx.uow, id, (t) => reporterReply(t, text, ctx.now()));
  if (!outcome.ok) throw refusal(ctx, id, outcome);
  const { ticket } = outcome;
  tellHandlers(ctx, ticket, ctx.t('ticket.notify.answered', { id, text }));
  await refreshCards(ctx, ticket);
  ctx.reply(ctx.t('ticket.reply.done', { id, unit: unitName(ctx, ticket.unit) }));
}
