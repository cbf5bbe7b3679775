import type { StepOutcome, Ticket, TicketActor } from '../../src/domain/tickets.ts';
import type { fixedClock } from '../../src/lib/clock.ts';
import type { TicketDraft } from '../../src/store/repos/tickets.ts';
import { contextFor } from '../helpers/context.ts';
import type { TestRuntime } from '../helpers/test-runtime.ts';

export const OFFICER: TicketActor = { openId: 'ou_presidium_1', name: '陈主席' };

/** Moves the test runtime's clock. */
export function setClock(rt: TestRuntime, at: string): void {
  (rt.clock as ReturnType<typeof fixedClock>).set(at);
}

/**
 * Files a ticket at `at` as the /feedback handler would: a named one with the reporter,
 * an anonymous one sealed; either way listed under the keyed hash of the reporter's open_id.
 */
export async function fileAt(
  rt: TestRuntime,
  at: string,
  o: {
    reporter: string;
    name?: string;
    text: string;
    category?: string;
    unit?: string;
    anonymous?: boolean;
    cosignable?: boolean;
  },
): Promise<Ticket> {
  setClock(rt, at);
  const { sealer } = rt.bot.services;
  const anonymous = o.anonymous ?? false;
  const draft: TicketDraft = {
    category: o.category ?? 'dorm',
    text: o.text,
    anonymous,
    contact: !anonymous,
    cosignable: o.cosignable ?? false,
    ...(anonymous
      ? { sealed: sealer.seal(JSON.stringify({ openId: o.reporter })) }
      : { reporter: { openId: o.reporter, ...(o.name ? { name: o.name } : {}) } }),
    unit: o.unit ?? 'school',
    reporterKey: sealer.pseudonym(o.reporter),
  };
  const ctx = contextFor(rt, o.reporter);
  const ticket = await ctx.repos.tickets.file(ctx.uow, draft, rt.clock.now());
  await ctx.finish();
  return ticket;
}

/** Applies a domain step to a ticket at `at` (the clock is moved there first). */
export async function stepAt(
  rt: TestRuntime,
  at: string,
  id: string,
  fn: (t: Ticket, now: Date) => StepOutcome | Ticket,
): Promise<Ticket> {
  setClock(rt, at);
  const ctx = contextFor(rt, OFFICER.openId);
  const outcome = await ctx.repos.tickets.step(ctx.uow, id, (t) => {
    const r = fn(t, rt.clock.now());
    return 'ok' in r ? r : { ok: true, ticket: r };
  });
  if (!outcome.ok) throw new Error(`step refused: ${JSON.stringify(outcome)}`);
  await ctx.finish();
  return outcome.ticket;
}
