import { z } from 'zod';
import type { Org, PersonRef } from '../config/org.ts';

/**
 * Grievance tickets (权益诉求, source document 二(四)2: collect students' problems, follow
 * them up, push them to a solution). Pure: (ticket, step, now) → new ticket or a refusal.
 * The store makes each step atomic; the handlers say who may take it.
 *
 *   open → claimed → waiting (on the student) ⇄ claimed → resolved → closed
 *   resolved → (rated ≤ 2) reopened → claimed; any open state → transferred → open
 */

export const TICKET_STATES = ['open', 'claimed', 'waiting', 'resolved', 'closed'] as const;
export type TicketState = (typeof TICKET_STATES)[number];

export const TICKET_ACTIONS = [
  'filed',
  'claimed',
  'replied',
  'asked',
  'answered',
  'resolved',
  'rated',
  'reopened',
  'transferred',
  'closed',
  'cosigned',
  'unsealed',
  'warned',
  'escalated',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

/** One step of a ticket's trail. The reporter appears as `reporter`, never by id. */
export const TicketEntrySchema = z.object({
  at: z.string(),
  /** An officer's open_id, `reporter`, or `system` (a job). */
  by: z.string(),
  name: z.string().optional(),
  action: z.enum(TICKET_ACTIONS),
  /** A reply's or note's text, a transfer's target, an escalation's kind. */
  note: z.string().optional(),
});
export type TicketEntry = z.infer<typeof TicketEntrySchema>;

export const TicketSchema = z.object({
  v: z.literal(1),
  /** `Q-2026-0001`. */
  id: z.string(),
  category: z.string(),
  text: z.string(),
  anonymous: z.boolean(),
  /** May officers contact the reporter directly (named tickets only). */
  contact: z.boolean(),
  /** Other students may see the text (never the reporter) and co-sign. */
  cosignable: z.boolean(),
  /** A named reporter: who they are. Absent for an anonymous ticket. */
  reporter: z
    .object({ openId: z.string(), name: z.string().optional(), college: z.string().optional() })
    .optional(),
  /** An anonymous reporter, sealed (see lib/seal.ts): only the bot can read it. */
  sealed: z.string().optional(),
  /** The reporter's college (routing to a college union); kept for anonymous tickets only when the reporter gave it. */
  college: z.string().optional(),
  /** The handling unit: `school`, `college:<id>`, `dept:<id>` or `league`. */
  unit: z.string(),
  state: z.enum(TICKET_STATES),
  claimer: z.object({ openId: z.string(), name: z.string().optional() }).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  firstResponseAt: z.string().optional(),
  resolvedAt: z.string().optional(),
  closedAt: z.string().optional(),
  /** Times the ticket waited on the student: the service-level clock stops meanwhile. */
  pauses: z.array(z.object({ from: z.string(), to: z.string().optional() })).default([]),
  rating: z
    .object({ score: z.number().int().min(1).max(5), comment: z.string().optional(), at: z.string() })
    .optional(),
  cosigners: z.array(z.string()).default([]),
  /** Service-level notices already given (`first:warn`, `first:breach`, `resolve:warn`, `resolve:breach`). */
  notices: z.array(z.string()).default([]),
  rev: z.number().int(),
  trail: z.array(TicketEntrySchema),
});
export type Ticket = z.infer<typeof TicketSchema>;

export const TICKET_TEXT_MAX = 1000;
export const TICKET_NOTE_MAX = 1000;
export const RATING_COMMENT_MAX = 300;

/** Who does something to a ticket (an officer), as recorded in its trail. */
export interface TicketActor {
  openId: string;
  name?: string;
}

export type StepOutcome =
  | { ok: true; ticket: Ticket }
  | { ok: false; why: 'state'; state: TicketState }
  | { ok: false; why: 'claimed'; by: TicketActor };

function step(t: Ticket, entry: Omit<TicketEntry, 'at'>, at: string, changes: Partial<Ticket> = {}): Ticket {
  const e: TicketEntry = { at, ...entry };
  return { ...t, ...changes, updatedAt: at, rev: t.rev + 1, trail: [...t.trail, e] };
}

const by = (a: TicketActor) => ({ by: a.openId, ...(a.name ? { name: a.name } : {}) });
const claimerOf = (a: TicketActor) => ({ openId: a.openId, ...(a.name ? { name: a.name } : {}) });
const isLive = (t: Ticket) => t.state === 'open' || t.state === 'claimed' || t.state === 'waiting';

/** Takes an open ticket. A ticket someone else holds is refused naming them; one's own claim is kept. */
export function claim(t: Ticket, a: TicketActor, now: Date): StepOutcome {
  if (t.claimer && t.claimer.openId !== a.openId && (t.state === 'claimed' || t.state === 'waiting'))
    return { ok: false, why: 'claimed', by: t.claimer };
  if (t.state !== 'open')
    return t.claimer?.openId === a.openId
      ? { ok: true, ticket: t }
      : { ok: false, why: 'state', state: t.state };
  return {
    ok: true,
    ticket: step(t, { ...by(a), action: 'claimed' }, now.toISOString(), {
      state: 'claimed',
      claimer: claimerOf(a),
    }),
  };
}

/**
 * An officer's reply to the reporter (relayed by the bot). Replying to an open ticket
 * claims it; the first reply is the first response. `ask` also waits on the student.
 */
export function reply(t: Ticket, a: TicketActor, text: string, now: Date, ask = false): StepOutcome {
  if (!isLive(t)) return { ok: false, why: 'state', state: t.state };
  if (t.claimer && t.claimer.openId !== a.openId && t.state !== 'open')
    return { ok: false, why: 'claimed', by: t.claimer };
  const at = now.toISOString();
  const pauses = ask && t.state !== 'waiting' ? [...t.pauses, { from: at }] : t.pauses;
  return {
    ok: true,
    ticket: step(t, { ...by(a), action: ask ? 'asked' : 'replied', note: text }, at, {
      state: ask ? 'waiting' : t.state === 'waiting' ? 'waiting' : 'claimed',
      claimer: t.claimer ?? claimerOf(a),
      firstResponseAt: t.firstResponseAt ?? at,
      pauses,
    }),
  };
}

/** The reporter writes back: a ticket waiting on them goes back to its claimer (the pause ends). */
export function reporterReply(t: Ticket, text: string, now: Date): StepOutcome {
  if (!isLive(t) && t.state !== 'resolved') return { ok: false, why: 'state', state: t.state };
  const at = now.toISOString();
  const waiting = t.state === 'waiting';
  return {
    ok: true,
    ticket: step(t, { by: 'reporter', action: 'answered', note: text }, at, {
      ...(waiting ? { state: 'claimed' as const, pauses: endPause(t.pauses, at) } : {}),
    }),
  };
}

function endPause(pauses: Ticket['pauses'], at: string): Ticket['pauses'] {
  return pauses.map((p) => (p.to ? p : { ...p, to: at }));
}

/** Resolved with a note for the reporter; the rating is asked next. */
export function resolve(t: Ticket, a: TicketActor, note: string, now: Date): StepOutcome {
  if (!isLive(t)) return { ok: false, why: 'state', state: t.state };
  if (t.claimer && t.claimer.openId !== a.openId && t.state !== 'open')
    return { ok: false, why: 'claimed', by: t.claimer };
  const at = now.toISOString();
  return {
    ok: true,
    ticket: step(t, { ...by(a), action: 'resolved', note }, at, {
      state: 'resolved',
      claimer: t.claimer ?? claimerOf(a),
      firstResponseAt: t.firstResponseAt ?? at,
      resolvedAt: at,
      pauses: endPause(t.pauses, at),
    }),
  };
}

/** Sends a live ticket to another unit: open again, nobody holds it. */
export function transfer(t: Ticket, a: TicketActor, unit: string, now: Date): StepOutcome {
  if (!isLive(t)) return { ok: false, why: 'state', state: t.state };
  const at = now.toISOString();
  const { claimer: _claimer, ...rest } = t;
  return {
    ok: true,
    ticket: step(rest as Ticket, { ...by(a), action: 'transferred', note: unit }, at, {
      state: 'open',
      unit,
      pauses: endPause(t.pauses, at),
    }),
  };
}

/** The reporter rates a resolved ticket: 3–5 closes it; 1–2 reopens it for its claimer. */
export function rate(
  t: Ticket,
  score: number,
  comment: string | undefined,
  now: Date,
): StepOutcome & { reopened?: boolean } {
  if (t.state !== 'resolved' || t.rating) return { ok: false, why: 'state', state: t.state };
  const at = now.toISOString();
  const rating = { score, ...(comment ? { comment } : {}), at };
  const rated = step(
    t,
    { by: 'reporter', action: 'rated', note: comment ? `${score}：${comment}` : String(score) },
    at,
    { rating },
  );
  if (score <= 2) {
    const { resolvedAt: _r, rating: _rating, ...rest } = rated;
    // The low rating stays in the trail; the ticket is rated again once resolved again.
    const reopened = step(rest as Ticket, { by: 'system', action: 'reopened' }, at, {
      state: t.claimer ? 'claimed' : 'open',
    });
    return { ok: true, ticket: reopened, reopened: true };
  }
  return {
    ok: true,
    ticket: step(rated, { by: 'system', action: 'closed' }, at, { state: 'closed', closedAt: at }),
  };
}

/** A resolved ticket nobody rated closes after `days`. */
export function closeUnrated(t: Ticket, days: number, now: Date): StepOutcome {
  if (t.state !== 'resolved' || !t.resolvedAt) return { ok: false, why: 'state', state: t.state };
  if (now.getTime() - Date.parse(t.resolvedAt) < days * 86_400_000)
    return { ok: false, why: 'state', state: t.state };
  const at = now.toISOString();
  return {
    ok: true,
    ticket: step(t, { by: 'system', action: 'closed', note: 'unrated' }, at, {
      state: 'closed',
      closedAt: at,
    }),
  };
}

export type CosignOutcome = StepOutcome | { ok: false; why: 'own' | 'already' | 'private' };

/** Another student joins an open ticket (counted; told the outcome). */
export function cosign(t: Ticket, openId: string, isReporter: boolean, now: Date): CosignOutcome {
  if (!isLive(t)) return { ok: false, why: 'state', state: t.state };
  if (!t.cosignable) return { ok: false, why: 'private' };
  if (isReporter) return { ok: false, why: 'own' };
  if (t.cosigners.includes(openId)) return { ok: false, why: 'already' };
  const at = now.toISOString();
  return {
    ok: true,
    ticket: step(t, { by: 'system', action: 'cosigned', note: String(t.cosigners.length + 1) }, at, {
      cosigners: [...t.cosigners, openId],
    }),
  };
}

/** Records a League-committee advisor's unsealing, with the reason. */
export function recordUnseal(t: Ticket, a: TicketActor, reason: string, now: Date): Ticket {
  return step(t, { ...by(a), action: 'unsealed', note: reason }, now.toISOString());
}

/** Records a service-level notice (once each). */
export function recordNotice(t: Ticket, notice: string, now: Date): Ticket {
  if (t.notices.includes(notice)) return t;
  const action = notice.endsWith(':warn') ? 'warned' : 'escalated';
  return step(t, { by: 'system', action, note: notice }, now.toISOString(), {
    notices: [...t.notices, notice],
  });
}

/** Is the ticket still being worked on (not resolved or closed)? */
export function isOpenTicket(t: Ticket): boolean {
  return isLive(t);
}

/** How officers see the reporter: the name, or `匿名同学#<n>` (n from the ticket number). */
export function reporterLabel(t: Ticket, anonymousWord: string): string {
  if (!t.anonymous) return t.reporter?.name ?? '';
  return `${anonymousWord}#${Number(t.id.split('-').at(-1) ?? 0)}`;
}

// ── Routing ──────────────────────────────────────────────────────────────────

export interface HandlingUnit {
  /** `school`, `college:<id>`, `dept:<id>` or `league`. */
  id: string;
  name: string;
  /** A chat that gets the triage cards (else `people` each get one). */
  chatId?: string;
  /** Who may act on its tickets (the presidium and League-committee advisors may too). */
  people: readonly PersonRef[];
  /** Who is told of breaches and low ratings. */
  heads: readonly PersonRef[];
  /** A department whose live seats are members too (read from the roster). */
  department?: string;
}

export type Category = Org['grievances']['categories'][number];

export function categoryOf(org: Org, id: string): Category | undefined {
  return org.grievances.categories.find((c) => c.id === id || c.name === id);
}

/** Where a category's ticket goes for a reporter of `college` (a college union only when it has leaders). */
export function routeOf(org: Org, category: Category, college: string | undefined): string {
  if (category.unit === 'college' && college) {
    const c = org.colleges.find((x) => x.id === college);
    if (c && c.leaders.length > 0) return `college:${c.id}`;
  }
  if (category.unit !== 'school' && category.unit !== 'college') return `dept:${category.unit}`;
  return 'school';
}

/** A unit id resolved against the org file; undefined when it no longer exists. */
export function handlingUnit(
  org: Org,
  id: string,
  names: { league: string; presidium: string; collegeUnion: (college: string) => string },
): HandlingUnit | undefined {
  if (id === 'league') {
    return {
      id,
      name: names.league,
      ...(org.chats.leagueCommittee ? { chatId: org.chats.leagueCommittee } : {}),
      people: org.leagueCommittee,
      heads: org.leagueCommittee,
    };
  }
  if (id.startsWith('college:')) {
    const c = org.colleges.find((x) => x.id === id.slice(8));
    return c ? { id, name: names.collegeUnion(c.name), people: c.leaders, heads: c.leaders } : undefined;
  }
  const deptId =
    id === 'school' ? org.grievances.department : id.startsWith('dept:') ? id.slice(5) : undefined;
  const d = org.departments.find((x) => x.id === deptId);
  if (!d) {
    // No such department: the presidium handles the school's tickets.
    return id === 'school'
      ? { id, name: names.presidium, people: org.presidium, heads: org.presidium }
      : undefined;
  }
  return {
    id,
    name: d.name,
    ...(id === 'school' && org.chats.rights ? { chatId: org.chats.rights } : {}),
    people: [...d.heads, ...d.members],
    heads: d.heads.length > 0 ? d.heads : org.presidium,
    department: d.id,
  };
}

/** Every unit a ticket may be transferred to: the school's, each department that handles a category, each college union, the League committee. */
export function transferTargets(org: Org): string[] {
  const depts = [
    ...new Set(org.grievances.categories.map((c) => c.unit).filter((u) => u !== 'school' && u !== 'college')),
  ];
  const colleges = org.colleges.filter((c) => c.leaders.length > 0).map((c) => `college:${c.id}`);
  return ['school', ...depts.map((d) => `dept:${d}`), ...colleges, 'league'];
}

// ── Service levels ───────────────────────────────────────────────────────────

/** A category's targets in hours: its own, else the org's. */
export function serviceLevels(
  org: Org,
  category: string,
): { firstResponseHours: number; resolveHours: number } {
  const c = categoryOf(org, category);
  return {
    firstResponseHours: c?.firstResponseHours ?? org.grievances.firstResponseHours,
    resolveHours: c?.resolveHours ?? org.grievances.resolveHours,
  };
}

// ── Similar tickets ─────────────────────────────────────────────────────────

/** The character bigrams of a text, without spaces and punctuation (Chinese has no word breaks). */
export function bigrams(text: string): Map<string, number> {
  const chars = [...text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '')];
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = `${chars[i]}${chars[i + 1]}`;
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Dice's coefficient on character bigrams: 1 for the same text, 0 for nothing shared. */
export function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  let total = 0;
  let shared = 0;
  for (const n of x.values()) total += n;
  for (const [g, n] of y) {
    total += n;
    shared += Math.min(n, x.get(g) ?? 0);
  }
  return total === 0 ? 0 : (2 * shared) / total;
}

/** From this much on, a new ticket is offered to co-sign the open one instead. */
export const SIMILAR_AT = 0.5;
