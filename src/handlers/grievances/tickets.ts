import type { BotContext, WorkContext } from '../../bot/context.ts';
import { UserError } from '../../bot/errors.ts';
import {
  categoryName,
  handlingUnitOf,
  reporterCard,
  reporterTrack,
  triageCard,
  triageTrack,
  unitName as unitNameOf,
} from '../../cards/grievances/ticket-cards.ts';
import { collegeName } from '../../domain/org-names.ts';
import { hasRole } from '../../domain/roles.ts';
import {
  type HandlingUnit,
  reporterLabel,
  type StepOutcome,
  type Ticket,
  type TicketActor,
  transferTargets,
} from '../../domain/tickets.ts';
import { cardContent, textContent } from '../../messages/content.ts';

/** A ticket's handling unit, with its name in the org's words. */
export function unitOf(ctx: WorkContext, id: string): HandlingUnit | undefined {
  return handlingUnitOf(ctx.org, id, ctx.t);
}

export function unitName(ctx: WorkContext, id: string): string {
  return unitNameOf(ctx.org, id, ctx.t);
}

/**
 * The reporter's open_id: the named reporter's, or the sealed one opened by the bot (to
 * relay a message). Never shown to anyone, never logged.
 */
export function reporterOf(ctx: WorkContext, t: Ticket): string | undefined {
  if (t.reporter) return t.reporter.openId;
  if (!t.sealed) return undefined;
  const opened = ctx.sealer.unseal(t.sealed);
  if (!opened) return undefined;
  return (JSON.parse(opened) as { openId?: string }).openId;
}

/** What sealing stores for an anonymous reporter. */
export function sealReporter(ctx: WorkContext, openId: string, name?: string): string {
  return ctx.sealer.seal(JSON.stringify({ openId, ...(name ? { name } : {}) }));
}

/** The keyed hash a reporter's ticket list is kept under (never their open_id). */
export function reporterKey(ctx: WorkContext, openId: string): string {
  return ctx.sealer.pseudonym(openId);
}

/** How officers see the reporter: `匿名同学#3`, or the name and college. */
export function reporterShown(ctx: WorkContext, t: Ticket): string {
  if (t.anonymous) return reporterLabel(t, ctx.t('ticket.anonymousName'));
  const name = t.reporter?.name ?? ctx.t('ticket.who.reporter');
  return t.reporter?.college ? `${name}（${collegeName(ctx.org, t.reporter.college)}）` : name;
}

/** May the person act on the ticket: its unit's people (a department's live members), the presidium, the League committee. */
export function isOfficer(ctx: BotContext, t: Ticket): boolean {
  const { actor } = ctx;
  if (hasRole(actor, 'presidium') || hasRole(actor, 'leagueCommittee')) return true;
  const unit = unitOf(ctx, t.unit);
  if (!unit) return false;
  if (unit.department && actor.departments.includes(unit.department)) return true;
  return ctx.directory.openIds(unit.people).includes(actor.openId);
}

export function requireOfficer(ctx: BotContext, t: Ticket): void {
  if (!isOfficer(ctx, t)) throw new UserError('ticket.refused.notOfficer', { unit: unitName(ctx, t.unit) });
}

/** The ticket a triage button is for, if the clicker may act on it, and the clicker as its trail names them. */
export async function officerOn(ctx: BotContext, id: string): Promise<{ ticket: Ticket; me: TicketActor }> {
  const ticket = await ctx.repos.tickets.get(id);
  if (!ticket) throw refusal(ctx, id, { ok: false, why: 'missing' });
  requireOfficer(ctx, ticket);
  const name = ctx.actor.name ?? ctx.directory.nameOf(ctx.actor.openId) ?? ctx.t('ticket.who.officer');
  return { ticket, me: { openId: ctx.actor.openId, name } };
}

/** The triage card of a ticket as it is now. */
export function triageOf(ctx: WorkContext, t: Ticket) {
  return triageCard(
    {
      ticket: t,
      unitName: unitName(ctx, t.unit),
      reporter: reporterShown(ctx, t),
      ...(!t.anonymous && t.reporter && !t.reporter.name ? { reporterOpenId: t.reporter.openId } : {}),
      targets: transferTargets(ctx.org)
        .filter((id) => id !== t.unit)
        .map((id) => ({ id, name: unitName(ctx, id) })),
    },
    ctx.org,
    ctx.t,
  );
}

/**
 * Sends the triage card to the ticket's unit: its chat, else each of its people (a
 * department's live members included, appointed after the org file was written).
 */
export async function sendTriage(ctx: WorkContext, t: Ticket): Promise<void> {
  const unit = unitOf(ctx, t.unit);
  if (!unit) return;
  const content = cardContent(triageOf(ctx, t));
  const track = triageTrack(t.id);
  if (unit.chatId) {
    ctx.send({ type: 'chat_id', id: unit.chatId }, content, track);
    return;
  }
  const roster = unit.department ? await ctx.repos.membership.roster() : undefined;
  const live = roster?.departments.find((d) => d.id === unit.department)?.members ?? [];
  const people = [...new Set([...ctx.directory.openIds(unit.people), ...live])];
  for (const id of people) ctx.send({ type: 'open_id', id }, content, track);
  if (people.length === 0)
    ctx.log.warn({ ticket: t.id, unit: t.unit }, 'grievances: nobody to send the ticket to');
}

/** Every copy of the triage card and the reporter's card show the ticket as it is now. */
export async function refreshCards(ctx: WorkContext, t: Ticket, except?: string): Promise<void> {
  const triage = triageOf(ctx, t);
  for (const id of await ctx.repos.cards.copies(triageTrack(t.id)))
    if (id !== except) ctx.patchCard(id, triage);
  const mine = reporterCard(t, unitName(ctx, t.unit), ctx.org, ctx.t);
  for (const id of await ctx.repos.cards.copies(reporterTrack(t))) if (id !== except) ctx.patchCard(id, mine);
}

/**
 * Tells whoever handles the ticket: its claimer, else its unit (chat or people). The
 * reporter's words are relayed; who they are is not.
 */
export function tellHandlers(ctx: WorkContext, t: Ticket, text: string): void {
  if (t.claimer) {
    ctx.sendText({ type: 'open_id', id: t.claimer.openId }, text);
    return;
  }
  const unit = unitOf(ctx, t.unit);
  if (unit) ctx.sendToPeople(unit.people, textContent(text), unit.chatId ? { chatId: unit.chatId } : {});
}

/** Tells the reporter (relayed by the bot, whoever they are). */
export function tellReporter(ctx: WorkContext, t: Ticket, text: string): void {
  const openId = reporterOf(ctx, t);
  if (openId) ctx.sendText({ type: 'open_id', id: openId }, text);
}

/** A refused step, as the person is told. */
export function refusal(
  ctx: WorkContext,
  id: string,
  outcome: Exclude<StepOutcome, { ok: true }> | { ok: false; why: 'missing' },
): UserError {
  if (outcome.why === 'missing') return new UserError('ticket.refused.missing', { id });
  if (outcome.why === 'claimed')
    return new UserError('ticket.refused.claimed', {
      id,
      name: outcome.by.name ?? ctx.t('ticket.who.officer'),
    });
  return new UserError('ticket.refused.state', { id, state: ctx.t(`ticket.state.${outcome.state}`) });
}

export function categoryLabel(ctx: WorkContext, t: Ticket): string {
  return categoryName(ctx.org, t.category);
}

export const TICKET_ID = /^Q-\d{4}-\d{4,6}$/i;
