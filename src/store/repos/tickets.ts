import { randomUUID } from 'node:crypto';
import type { Org } from '../../config/org.ts';
import { type StepOutcome, type Ticket, TicketSchema } from '../../domain/tickets.ts';
import { dateOf } from '../../lib/dates.ts';
import type { KeySpace } from '../keys.ts';
import type { Store, WriteOp } from '../store.ts';
import { JOURNAL_TTL_MS, type UnitOfWork } from '../unit-of-work.ts';

export function parseTicket(raw: string | null | undefined): Ticket | undefined {
  if (!raw) return undefined;
  const parsed = TicketSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : undefined;
}

/** What a student files; the repository numbers it and starts its trail. */
export type TicketDraft = Pick<
  Ticket,
  'category' | 'text' | 'anonymous' | 'contact' | 'cosignable' | 'reporter' | 'sealed' | 'college' | 'unit'
> & {
  /** A keyed hash of the reporter's open_id: their ticket list, never the id itself. */
  reporterKey: string;
};

export type TicketStep = (t: Ticket) => StepOutcome;

/** What a step returns: the changed ticket, or a refusal (nothing is written). */
export type StepLike = { ok: true; ticket: Ticket } | { ok: false };

/**
 * Grievance tickets (`ticket:<id>`, JSON v1) and their indexes. The reporter of an
 * anonymous ticket is stored sealed only: nothing here can say who filed it.
 */
export class TicketsRepo {
  constructor(
    private readonly store: Store,
    private readonly keys: KeySpace,
    private readonly org: Org,
  ) {}

  async get(id: string): Promise<Ticket | undefined> {
    return parseTicket(await this.store.get(this.keys.ticket(id)));
  }

  async getMany(ids: readonly string[]): Promise<Ticket[]> {
    if (ids.length === 0) return [];
    const raw = await this.store.mget(ids.map((id) => this.keys.ticket(id)));
    return raw.map(parseTicket).filter((t): t is Ticket => t !== undefined);
  }

  /** Tickets not closed (open, claimed, waiting, resolved), oldest first. */
  async active(): Promise<Ticket[]> {
    return this.getMany(await this.store.zrangeByScore(this.keys.ticketsActive, 0, Number.MAX_SAFE_INTEGER));
  }

  /** Tickets filed in `[start, end)` (ms), oldest first. */
  async createdBetween(start: number, end: number): Promise<Ticket[]> {
    return this.getMany(await this.store.zrangeByScore(this.keys.ticketsCreated, start, end - 1));
  }

  /** A reporter's tickets (by the keyed hash of their open_id), newest first. */
  async ofReporter(reporterKey: string): Promise<Ticket[]> {
    const tickets = await this.getMany(await this.store.smembers(this.keys.ticketsOf(reporterKey)));
    return tickets.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  }

  /**
   * The ticket number of this update: taken from the year's atomic counter once, and kept
   * for the update (`ticket:num:<update>`), so a retried or redelivered update files under
   * the same number. Many students filing at once never wait on each other for a number.
   */
  private async number(uow: UnitOfWork, year: string): Promise<number> {
    const claim = this.keys.ticketNumber(uow.journal?.key ?? `once:${randomUUID()}`);
    const held = await this.store.get(claim);
    if (held) return Number(held);
    const n = await this.store.hincrby(this.keys.ticketSeq, year, 1);
    await this.store.setIfAbsent(claim, String(n), JOURNAL_TTL_MS);
    return Number((await this.store.get(claim)) ?? n);
  }

  /** Files a ticket: `Q-<year>-<n>`, numbered in the union's time zone, atomically. */
  async file(uow: UnitOfWork, draft: TicketDraft, now: Date): Promise<Ticket> {
    const year = dateOf(now, this.org.timezone).slice(0, 4);
    const seq = await this.number(uow, year);
    const at = now.toISOString();
    const { reporterKey, ...fields } = draft;
    const ticket: Ticket = {
      v: 1,
      id: `Q-${year}-${String(seq).padStart(4, '0')}`,
      ...fields,
      state: 'open',
      createdAt: at,
      updatedAt: at,
      pauses: [],
      cosigners: [],
      notices: [],
      rev: 1,
      trail: [{ at, by: 'reporter', action: 'filed' }],
    };
    uow.write(
      ...ticketWrites(this.keys, ticket),
      { op: 'zadd', key: this.keys.ticketsCreated, score: now.getTime(), member: ticket.id },
      { op: 'sadd', key: this.keys.ticketsOf(reporterKey), members: [ticket.id] },
    );
    return ticket;
  }

  /**
   * Applies a step to a ticket as read in this unit of work (two officers at once: the
   * loser's unit runs again and sees the winner's claim). Nothing is written on a refusal.
   */
  async step<O extends StepLike = StepOutcome>(
    uow: UnitOfWork,
    id: string,
    fn: (t: Ticket) => O,
  ): Promise<O | { ok: false; why: 'missing' }> {
    const key = this.keys.ticket(id);
    const ticket = parseTicket((await uow.read({ values: [key] })).values.get(key));
    if (!ticket) return { ok: false, why: 'missing' };
    const outcome = fn(ticket);
    if (outcome.ok && outcome.ticket !== ticket) uow.write(...ticketWrites(this.keys, outcome.ticket));
    return outcome;
  }

  /** Writes a ticket changed outside a step (a job's notice), in the unit of work. */
  save(uow: UnitOfWork, ticket: Ticket): void {
    uow.write(...ticketWrites(this.keys, ticket));
  }

  /**
   * Deletes a ticket past its retention: the record (text, trail, rating, sealed reporter)
   * and its index entries. `reporterKey` (a named reporter's pseudonym) also takes it off
   * their list; an anonymous reporter's list keeps a dangling id, which reads skip.
   */
  purge(uow: UnitOfWork, ticket: Ticket, reporterKey?: string): void {
    uow.write(
      { op: 'del', key: this.keys.ticket(ticket.id) },
      { op: 'zrem', key: this.keys.ticketsCreated, member: ticket.id },
      { op: 'zrem', key: this.keys.ticketsActive, member: ticket.id },
      ...(reporterKey
        ? [{ op: 'srem' as const, key: this.keys.ticketsOf(reporterKey), members: [ticket.id] }]
        : []),
    );
  }
}

/** Writes that store a ticket and keep the active index in step with its state. */
export function ticketWrites(keys: KeySpace, t: Ticket): WriteOp[] {
  return [
    { op: 'set', key: keys.ticket(t.id), value: JSON.stringify(t) },
    t.state === 'closed'
      ? { op: 'zrem', key: keys.ticketsActive, member: t.id }
      : { op: 'zadd', key: keys.ticketsActive, score: Date.parse(t.createdAt), member: t.id },
  ];
}
