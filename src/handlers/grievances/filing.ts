import type { BotContext } from '../../bot/context.ts';
import type { CardActionResponse } from '../../bot/envelope.ts';
import { UserError } from '../../bot/errors.ts';
import { reporterCard, reporterTrack, similarCard } from '../../cards/grievances/ticket-cards.ts';
import {
  categoryOf,
  isOpenTicket,
  routeOf,
  SIMILAR_AT,
  similarity,
  TICKET_TEXT_MAX,
  type Ticket,
} from '../../domain/tickets.ts';
import { joinList } from '../../i18n/index.ts';
import { reporterKey, reporterOf, sealReporter, sendTriage, unitName } from './tickets.ts';

export interface FilingDraft {
  category: string;
  /** The student's college, when the form asked (routing to a college union). */
  college?: string;
  text: string;
  anonymous: boolean;
  contact: boolean;
  cosignable: boolean;
}

/** Every bad field named at once; nothing is stored. */
export function checkDraft(ctx: BotContext, d: FilingDraft): FilingDraft {
  const problems: string[] = [];
  const text = d.text.trim();
  const n = [...text].length;
  if (n === 0) problems.push(ctx.t('ticket.problem.text'));
  else if (n > TICKET_TEXT_MAX)
    problems.push(ctx.t('ticket.problem.textLength', { max: TICKET_TEXT_MAX, n }));
  const category = categoryOf(ctx.org, d.category);
  if (!category)
    problems.push(
      ctx.t('ticket.problem.category', {
        categories: joinList(
          ctx.locale,
          ctx.org.grievances.categories.map((c) => c.name),
        ),
      }),
    );
  if (problems.length > 0 || !category)
    throw new UserError('ticket.invalid', { problems: problems.join('；') });
  return { ...d, category: category.id, text };
}

/** Open, co-signable tickets of the category that read like the draft (not the student's own). */
export async function similarTickets(ctx: BotContext, d: FilingDraft): Promise<Ticket[]> {
  return (await ctx.repos.tickets.active())
    .filter(
      (t) =>
        isOpenTicket(t) &&
        t.cosignable &&
        t.category === d.category &&
        reporterOf(ctx, t) !== ctx.actor.openId &&
        similarity(t.text, d.text) >= SIMILAR_AT,
    )
    .slice(0, 3);
}

/**
 * Files the ticket: routed, numbered, sent to its unit, and the reporter's card (the one
 * that updates in place) shown. An anonymous reporter is only stored sealed; their card is
 * tracked sealed. `formCard`: the clicked form becomes that card (a card callback).
 */
export async function fileTicket(
  ctx: BotContext,
  draft: FilingDraft,
  opts: { force: boolean; formCard?: string },
): Promise<CardActionResponse | undefined> {
  const d = checkDraft(ctx, draft);
  if (!opts.force) {
    const similar = await similarTickets(ctx, d);
    if (similar.length > 0) {
      const offer = similarCard(ctx.org, similar, d, ctx.t);
      if (opts.formCard) return { card: { type: 'raw', data: { ...offer } } };
      ctx.replyCard(offer);
      return undefined;
    }
  }
  const { actor } = ctx;
  const [own] = await ctx.repos.recruitment.ofPerson(actor.openId);
  const given = d.college && ctx.org.colleges.some((c) => c.id === d.college) ? d.college : undefined;
  const college = given ?? own?.applicant.college;
  const category = categoryOf(ctx.org, d.category);
  if (!category)
    throw new UserError('ticket.invalid', { problems: ctx.t('ticket.problem.category', { categories: '' }) });
  const name =
    actor.name ??
    ctx.directory.nameOf(actor.openId) ??
    own?.applicant.name ??
    (d.anonymous ? undefined : (await ctx.directory.profileOf(actor.openId)).name);
  const ticket = await ctx.repos.tickets.file(
    ctx.uow,
    {
      category: d.category,
      text: d.text,
      anonymous: d.anonymous,
      contact: !d.anonymous && d.contact,
      cosignable: d.cosignable,
      ...(d.anonymous
        ? { sealed: sealReporter(ctx, actor.openId, name) }
        : {
            reporter: {
              openId: actor.openId,
              ...(name ? { name } : {}),
              ...(college ? { college } : {}),
            },
          }),
      unit: routeOf(ctx.org, category, college),
      reporterKey: reporterKey(ctx, actor.openId),
    },
    ctx.now(),
  );
  await sendTriage(ctx, ticket);
  const mine = reporterCard(ticket, unitName(ctx, ticket.unit), ctx.org, ctx.t);
  if (opts.formCard) {
    // The form itself becomes the reporter's card, tracked to be updated in place.
    await ctx.repos.cards.add(reporterTrack(ticket), opts.formCard);
    return {
      toast: { type: 'success', content: ctx.t('ticket.filed.toast', { id: ticket.id }) },
      card: { type: 'raw', data: { ...mine } },
    };
  }
  ctx.replyCard(mine, reporterTrack(ticket));
  return undefined;
}
