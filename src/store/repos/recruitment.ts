import { z } from 'zod';
import type { BotContext } from '../../bot/context.ts';
import type { Directory } from '../../bot/directory.ts';
import type { Org } from '../../config/org.ts';
import {
  type Application,
  ApplicationSchema,
  type Decision,
  type DecisionOutcome,
  decide,
  departmentCap,
  isOpen,
  seatCheck,
  type TrailEntry,
  withEntry,
} from '../../domain/recruitment.ts';
import { parseWindowOverride, windowState } from '../../domain/recruitment-window.ts';
import { personKey } from '../../domain/roles.ts';
import { dateOf } from '../../lib/dates.ts';
import type { KeySpace } from '../keys.ts';
import type { Store, TxPlan, TxSnapshot, WriteOp } from '../store.ts';

/** A person's appointed memberships (the `member` role comes from here, not the org file). */
export const MembershipSchema = z.object({ v: z.literal(1), departments: z.array(z.string()) });
export type Membership = z.infer<typeof MembershipSchema>;

export function parseApplication(raw: string | null | undefined): Application | undefined {
  if (!raw) return undefined;
  const parsed = ApplicationSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : undefined;
}

export function parseMembership(raw: string | null | undefined): Membership {
  if (!raw) return { v: 1, departments: [] };
  const parsed = MembershipSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : { v: 1, departments: [] };
}

export async function loadApplication(
  store: Store,
  keys: KeySpace,
  id: string,
): Promise<Application | undefined> {
  return parseApplication(await store.get(keys.application(id)));
}

export async function loadApplications(
  store: Store,
  keys: KeySpace,
  ids: readonly string[],
): Promise<Application[]> {
  const raws = await store.mget(ids.map((id) => keys.application(id)));
  return raws.map(parseApplication).filter((a): a is Application => !!a);
}

/** The student's open application, if any. */
export async function openApplicationOf(
  store: Store,
  keys: KeySpace,
  openId: string,
): Promise<Application | undefined> {
  const id = await store.get(keys.openApplication(openId));
  return id ? loadApplication(store, keys, id) : undefined;
}

export async function membershipOf(store: Store, keys: KeySpace, openId: string): Promise<Membership> {
  return parseMembership(await store.get(keys.member(openId)));
}

/** Writes that store an application and keep its indexes in step with its state. */
export function applicationWrites(keys: KeySpace, app: Application): WriteOp[] {
  const writes: WriteOp[] = [{ op: 'set', key: keys.application(app.id), value: JSON.stringify(app) }];
  const open = isOpen(app);
  writes.push(
    open
      ? { op: 'set', key: keys.openApplication(app.applicant.openId), value: app.id }
      : { op: 'del', key: keys.openApplication(app.applicant.openId) },
  );
  writes.push(
    app.state === 'review'
      ? { op: 'sadd', key: keys.appsInReview, members: [app.id] }
      : { op: 'srem', key: keys.appsInReview, members: [app.id] },
  );
  writes.push(
    app.state === 'notice' && app.noticeUntil
      ? { op: 'zadd', key: keys.appsInNotice, score: Date.parse(app.noticeUntil), member: app.id }
      : { op: 'zrem', key: keys.appsInNotice, member: app.id },
  );
  return writes;
}

/** Writes that free an application's seat (or do nothing when it held none). */
export function freeSeatWrites(
  keys: KeySpace,
  openId: string,
  department: string | undefined,
  snapshot: TxSnapshot,
  membership: Membership,
): WriteOp[] {
  if (!department) return [];
  const stillMember = membership.departments.filter((d) => d !== department);
  const writes: WriteOp[] = [{ op: 'srem', key: keys.seats(department), members: [openId] }];
  const inPresidium = (snapshot.sets.get(keys.seats('presidium')) ?? []).includes(openId);
  if (stillMember.length === 0 && !inPresidium)
    writes.push({ op: 'srem', key: keys.seatsUnion, members: [openId] });
  return writes;
}

export type SubmitOutcome =
  | { ok: true; app: Application }
  | { ok: false; why: 'open' | 'member'; app?: Application }
  | { ok: false; why: 'closed'; department: string };

/** Files a new application: one open application per student, and not for a current member. */
export async function submitApplication(
  ctx: BotContext,
  draft: Omit<
    Application,
    'v' | 'id' | 'state' | 'stage' | 'stageSince' | 'createdAt' | 'updatedAt' | 'rev' | 'trail'
  >,
  /** Buffers the submission's messages (the first approvers' cards) in the same atomic step. */
  then: (app: Application) => void = () => {},
): Promise<SubmitOutcome> {
  const now = ctx.now();
  // The application year in the union's time zone, not the server's.
  const today = dateOf(now, ctx.org.timezone);
  const year = today.slice(0, 4);
  const { keys } = ctx;
  const openKey = keys.openApplication(draft.applicant.openId);
  const seqKey = keys.applicationSeq(year);
  const choices = [draft.first, ...(draft.second ? [draft.second] : [])];
  return ctx.transact<SubmitOutcome>({
    watch: [
      openKey,
      seqKey,
      keys.member(draft.applicant.openId),
      ...choices.map((d) => keys.recruitWindow(d)),
    ],
    watchSets: [keys.seatsUnion],
    plan: (s) => {
      // Checked again here: a /recruit close at the same moment wins or loses as a whole.
      for (const department of choices) {
        const override = parseWindowOverride(s.values.get(keys.recruitWindow(department)));
        if (!windowState(ctx.org.recruitment.windows[department], override, today).recruiting) {
          return { result: { ok: false, why: 'closed', department } };
        }
      }
      const openId = s.values.get(openKey);
      if (openId) return { result: { ok: false, why: 'open' } };
      if ((s.sets.get(keys.seatsUnion) ?? []).includes(draft.applicant.openId)) {
        return { result: { ok: false, why: 'member' } };
      }
      const seq = Number(s.values.get(seqKey) ?? 0) + 1;
      const at = now.toISOString();
      const app: Application = {
        v: 1,
        ...draft,
        id: `R-${year}-${String(seq).padStart(4, '0')}`,
        state: 'review',
        stage: 0,
        stageSince: at,
        createdAt: at,
        updatedAt: at,
        rev: 1,
        objections: [],
        trail: [
          {
            at,
            by: draft.applicant.openId,
            name: draft.applicant.name,
            role: 'student',
            action: 'submitted',
          },
        ],
      };
      const plan: TxPlan<SubmitOutcome> = {
        writes: [
          { op: 'set', key: seqKey, value: String(seq) },
          ...applicationWrites(keys, app),
          { op: 'zadd', key: keys.appsCreated, score: now.getTime(), member: app.id },
          { op: 'sadd', key: keys.applicationsOf(draft.applicant.openId), members: [app.id] },
        ],
        result: { ok: true, app },
      };
      then(app);
      return plan;
    },
  });
}

export type StageOutcome =
  | DecisionOutcome
  | { ok: false; why: 'missing' }
  | { ok: false; why: 'full'; full: 'department' | 'union'; department: string; count: number; cap: number };

/**
 * Applies a stage decision atomically. A panel approval takes the seat in the same step:
 * the department's cap and the union's total are checked against the live seat sets,
 * so no concurrency can overfill either.
 */
export async function decideApplication(
  ctx: BotContext,
  id: string,
  decision: Decision,
  extra: (outcome: Extract<DecisionOutcome, { ok: true }>) => void = () => {},
): Promise<StageOutcome> {
  const { keys, org } = ctx;
  const appKey = keys.application(id);
  const department = decision.department;
  const seatKeys = department ? [keys.seats(department), keys.seatsUnion] : [];
  return ctx.transact<StageOutcome>({
    watch: [appKey],
    watchSets: seatKeys,
    plan: (s) => {
      const app = parseApplication(s.values.get(appKey));
      if (!app) return { result: { ok: false, why: 'missing' } };
      const outcome = decide(app, decision, org.recruitment.stages, org.recruitment.noticeDays, ctx.now());
      if (!outcome.ok) return { result: outcome };
      const writes = applicationWrites(keys, outcome.app);
      if (outcome.event === 'notice') {
        const dept = outcome.app.department!;
        if (dept !== department) return { result: { ok: false, why: 'bad-department' } };
        const seated = s.sets.get(keys.seats(dept)) ?? [];
        const union = s.sets.get(keys.seatsUnion) ?? [];
        const check = seatCheck(
          { department: seated.length, union: union.length },
          { department: departmentCap(org, dept), union: org.limits.union },
        );
        if (!check.ok) {
          return {
            result: {
              ok: false,
              why: 'full',
              department: dept,
              full: check.full,
              count: check.count,
              cap: check.cap,
            },
          };
        }
        writes.push(
          { op: 'sadd', key: keys.seats(dept), members: [app.applicant.openId] },
          { op: 'sadd', key: keys.seatsUnion, members: [app.applicant.openId] },
        );
      }
      extra(outcome);
      return { writes, result: outcome };
    },
  });
}

export type CloseOutcome =
  | { ok: true; app: Application }
  | { ok: false; why: 'missing' | 'closed'; app?: Application };

/**
 * Ends an application that is not over yet: withdrawn by the applicant, or rejected by
 * an upheld objection. A seat it held during the notice is given back.
 */
export async function closeApplication(
  ctx: BotContext,
  id: string,
  entry: TrailEntry,
  state: 'withdrawn' | 'rejected',
): Promise<CloseOutcome> {
  const { keys } = ctx;
  const appKey = keys.application(id);
  const current = await loadApplication(ctx.store, keys, id);
  const department = current?.department;
  return ctx.transact<CloseOutcome>({
    watch: [appKey, ...(current ? [keys.member(current.applicant.openId)] : [])],
    watchSets: department ? [keys.seats(department), keys.seatsUnion, keys.seats('presidium')] : [],
    plan: (s) => {
      const app = parseApplication(s.values.get(appKey));
      if (!app) return { result: { ok: false, why: 'missing' } };
      if (!isOpen(app) || app.department !== department) return { result: { ok: false, why: 'closed', app } };
      const next = withEntry(app, entry, { state, stageSince: entry.at });
      const membership = parseMembership(s.values.get(keys.member(app.applicant.openId)));
      const seat =
        app.state === 'notice' ? freeSeatWrites(keys, app.applicant.openId, department, s, membership) : [];
      return { writes: [...applicationWrites(keys, next), ...seat], result: { ok: true, app: next } };
    },
  });
}

/**
 * Gives the org file's people their seats once: founding members, heads and the
 * presidium. After that the store is the roster: appointments add, exits remove, and
 * editing the org file does not bring back someone who left.
 */
export async function seedSeats(
  store: Store,
  keys: KeySpace,
  org: Org,
  directory: Directory,
): Promise<number> {
  const seeded = new Set(await store.smembers(keys.seatsSeeded));
  const units: { unit: string; refs: Org['presidium'] }[] = [
    { unit: 'presidium', refs: org.presidium },
    ...org.departments.map((d) => ({ unit: d.id, refs: [...d.heads, ...d.members] })),
  ];
  let count = 0;
  for (const { unit, refs } of units) {
    for (const ref of refs) {
      const seedKey = `${unit}:${personKey(ref)}`;
      const [openId] = directory.openIds([ref]);
      if (!openId || seeded.has(seedKey)) continue;
      const memberKey = keys.member(openId);
      await store.commit({
        watch: [memberKey],
        watchSets: [keys.seatsSeeded],
        plan: (s) => {
          if ((s.sets.get(keys.seatsSeeded) ?? []).includes(seedKey)) return { result: null };
          const membership = parseMembership(s.values.get(memberKey));
          const writes: WriteOp[] = [
            { op: 'sadd', key: keys.seats(unit), members: [openId] },
            { op: 'sadd', key: keys.seatsUnion, members: [openId] },
            { op: 'sadd', key: keys.seatsSeeded, members: [seedKey] },
          ];
          if (unit !== 'presidium' && !membership.departments.includes(unit)) {
            writes.push({
              op: 'set',
              key: memberKey,
              value: JSON.stringify({ v: 1, departments: [...membership.departments, unit].sort() }),
            });
          }
          return { writes, result: null };
        },
      });
      count += 1;
    }
  }
  return count;
}

/** Seat counts: each department, the presidium and the union, from the live sets. */
export async function seatCounts(store: Store, keys: KeySpace, org: Org) {
  const units = ['presidium', ...org.departments.map((d) => d.id)];
  const members = await Promise.all(units.map((u) => store.smembers(keys.seats(u))));
  const union = await store.smembers(keys.seatsUnion);
  return {
    union: union.length,
    units: Object.fromEntries(units.map((u, i) => [u, members[i] ?? []])) as Record<string, string[]>,
  };
}
