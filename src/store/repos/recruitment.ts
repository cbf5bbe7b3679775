import type { Org } from '../../config/org.ts';
import {
  type Application,
  ApplicationSchema,
  type AppointOutcome,
  appointable,
  type Decision,
  type DecisionOutcome,
  decide,
  isOpen,
  type Objection,
  type TrailEntry,
  withEntry,
} from '../../domain/recruitment.ts';
import {
  departmentWindows,
  parseWindowOverride,
  type WindowOverride,
  type WindowState,
  windowState,
} from '../../domain/recruitment-window.ts';
import { dateOf } from '../../lib/dates.ts';
import type { KeySpace } from '../keys.ts';
import type { Store, WriteOp } from '../store.ts';
import type { UnitOfWork } from '../unit-of-work.ts';
import type { MembershipRepo } from './membership.ts';

export function parseApplication(raw: string | null | undefined): Application | undefined {
  if (!raw) return undefined;
  const parsed = ApplicationSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : undefined;
}

/** Writes that store an application and keep its indexes in step with its state. */
export function applicationWrites(keys: KeySpace, app: Application): WriteOp[] {
  return [
    { op: 'set', key: keys.application(app.id), value: JSON.stringify(app) },
    isOpen(app)
      ? { op: 'set', key: keys.openApplication(app.applicant.openId), value: app.id }
      : { op: 'del', key: keys.openApplication(app.applicant.openId) },
    app.state === 'review'
      ? { op: 'sadd', key: keys.appsInReview, members: [app.id] }
      : { op: 'srem', key: keys.appsInReview, members: [app.id] },
    app.state === 'notice' && app.noticeUntil
      ? { op: 'zadd', key: keys.appsInNotice, score: Date.parse(app.noticeUntil), member: app.id }
      : { op: 'zrem', key: keys.appsInNotice, member: app.id },
  ];
}

/** What a student fills in; the repository numbers it and starts its trail. */
export type ApplicationDraft = Omit<
  Application,
  'v' | 'id' | 'state' | 'stage' | 'stageSince' | 'createdAt' | 'updatedAt' | 'rev' | 'trail'
>;

export type SubmitOutcome =
  | { ok: true; app: Application }
  | { ok: false; why: 'open' | 'member' | 'student-number' }
  | { ok: false; why: 'closed'; department: string };

export type StageOutcome =
  | DecisionOutcome
  | { ok: false; why: 'missing' }
  | { ok: false; why: 'full'; full: 'department' | 'union'; department: string; count: number; cap: number };

export type CloseOutcome = { ok: true; app: Application } | { ok: false; why: 'missing' | 'closed' };

export type ObjectOutcome =
  | { ok: true; app: Application; objection: Objection }
  | { ok: false; why: 'missing' | 'not-in-notice' };

export type ResolveOutcome =
  | { ok: true; app: Application; objection: Objection; rejected: boolean }
  | { ok: false; why: 'missing' }
  | { ok: false; why: 'resolved'; app: Application; objection: Objection };

/** Whether the application is in its public notice at `now` (objections are taken only then). */
export function inNotice(app: Application, now: Date): boolean {
  return app.state === 'notice' && !!app.noticeUntil && now.getTime() < Date.parse(app.noticeUntil);
}

/**
 * Applications and their indexes (`app:<id>`, `app:open:`, `app:seq:`, `apps:review`,
 * `apps:notice`, `apps:created`, `apps:of:`) and the presidium's recruitment windows
 * (`recruit:<department>`). Every state change is one step of a unit of work; a seat
 * goes with it through the membership repository, in the same step.
 */
export class RecruitmentRepo {
  constructor(
    private readonly store: Store,
    private readonly keys: KeySpace,
    private readonly org: Org,
    private readonly membership: MembershipRepo,
  ) {}

  async get(id: string): Promise<Application | undefined> {
    return parseApplication(await this.store.get(this.keys.application(id)));
  }

  async getMany(ids: readonly string[]): Promise<Application[]> {
    if (ids.length === 0) return [];
    const raws = await this.store.mget(ids.map((id) => this.keys.application(id)));
    return raws.map(parseApplication).filter((a): a is Application => !!a);
  }

  /** Who a student number belongs to (the person who first applied with it). */
  async studentNumberHolder(number: string): Promise<string | undefined> {
    return (await this.store.get(this.keys.studentNumber(number))) ?? undefined;
  }

  /** The student's open application, if any. */
  async openOf(openId: string): Promise<Application | undefined> {
    const id = await this.store.get(this.keys.openApplication(openId));
    return id ? this.get(id) : undefined;
  }

  /** A person's own applications (checked to be theirs), newest first. */
  async ofPerson(openId: string): Promise<Application[]> {
    const apps = await this.getMany(await this.store.smembers(this.keys.applicationsOf(openId)));
    return apps
      .filter((a) => a.applicant.openId === openId)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  }

  /** The name people gave on their latest application (for people not in the org file). */
  async applicantNames(openIds: readonly string[]): Promise<Map<string, string>> {
    const ids = await Promise.all(
      [...new Set(openIds)].map((id) => this.store.smembers(this.keys.applicationsOf(id))),
    );
    const apps = await this.getMany(ids.flat());
    const names = new Map<string, string>();
    for (const app of apps.sort((a, b) => a.createdAt.localeCompare(b.createdAt)))
      names.set(app.applicant.openId, app.applicant.name);
    return names;
  }

  /** Applications waiting on an approver. */
  async inReview(): Promise<Application[]> {
    const apps = await this.getMany(await this.store.smembers(this.keys.appsInReview));
    return apps.filter((a) => a.state === 'review');
  }

  /** Applications in their public notice (their seats are held, their people not members yet). */
  async inNotice(): Promise<Application[]> {
    const ids = await this.store.zrangeByScore(this.keys.appsInNotice, 0, Number.MAX_SAFE_INTEGER);
    return (await this.getMany(ids)).filter((a) => a.state === 'notice');
  }

  /** Ids of applications whose public notice ended by `now`. */
  noticesOver(now: Date): Promise<string[]> {
    return this.store.zrangeByScore(this.keys.appsInNotice, 0, now.getTime());
  }

  /** Every application created before `end` (ms). */
  async createdBefore(end: number): Promise<Application[]> {
    return this.getMany(await this.store.zrangeByScore(this.keys.appsCreated, 0, end - 1));
  }

  /** Every department with whether it recruits now (org file, overridden by the presidium), in org order. */
  async windows(now: Date): Promise<{ id: string; name: string; state: WindowState }[]> {
    const ids = this.org.departments.map((d) => d.id);
    const raws = await this.store.mget(ids.map((id) => this.keys.recruitWindow(id)));
    const overrides = new Map<string, WindowOverride>();
    ids.forEach((id, i) => {
      const override = parseWindowOverride(raws[i]);
      if (override) overrides.set(id, override);
    });
    return departmentWindows(this.org, overrides, dateOf(now, this.org.timezone));
  }

  /** Opens or closes a department's recruitment (the override wins over the org file); returns the new state. */
  setWindow(uow: UnitOfWork, department: string, override: WindowOverride, now: Date): WindowState {
    uow.write({ op: 'set', key: this.keys.recruitWindow(department), value: JSON.stringify(override) });
    return windowState(this.org.recruitment.windows[department], override, dateOf(now, this.org.timezone));
  }

  /** Files a new application: one open application per student, not for a seat holder, only while recruiting. */
  async submit(uow: UnitOfWork, draft: ApplicationDraft, now: Date): Promise<SubmitOutcome> {
    const { keys, org } = this;
    // The application year in the union's time zone, not the server's.
    const today = dateOf(now, org.timezone);
    const year = today.slice(0, 4);
    const openKey = keys.openApplication(draft.applicant.openId);
    const seqKey = keys.applicationSeq(year);
    const numberKey = keys.studentNumber(draft.applicant.studentNo);
    const choices = [draft.first, ...(draft.second ? [draft.second] : [])];
    const s = await uow.read({
      values: [openKey, seqKey, numberKey, ...choices.map((d) => keys.recruitWindow(d))],
      sets: [keys.seatsUnion],
    });
    // Checked here too: a /recruit close at the same moment wins or loses as a whole.
    for (const department of choices) {
      const override = parseWindowOverride(s.values.get(keys.recruitWindow(department)));
      if (!windowState(org.recruitment.windows[department], override, today).recruiting) {
        return { ok: false, why: 'closed', department };
      }
    }
    if (s.values.get(openKey)) return { ok: false, why: 'open' };
    // A student number belongs to one person: someone else's is refused (and not named).
    const holder = s.values.get(numberKey);
    if (holder && holder !== draft.applicant.openId) return { ok: false, why: 'student-number' };
    if ((s.sets.get(keys.seatsUnion) ?? []).includes(draft.applicant.openId))
      return { ok: false, why: 'member' };
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
      trail: [
        { at, by: draft.applicant.openId, name: draft.applicant.name, role: 'student', action: 'submitted' },
      ],
    };
    uow.write(
      { op: 'set', key: seqKey, value: String(seq) },
      { op: 'set', key: numberKey, value: draft.applicant.openId },
      ...applicationWrites(keys, app),
      { op: 'zadd', key: keys.appsCreated, score: now.getTime(), member: app.id },
      { op: 'sadd', key: keys.applicationsOf(draft.applicant.openId), members: [app.id] },
    );
    return { ok: true, app };
  }

  /**
   * Applies a stage decision. A panel approval takes the seat in the same step, against
   * the department's cap and the union's total, so no concurrency can overfill either.
   */
  async decide(uow: UnitOfWork, id: string, decision: Decision, now: Date): Promise<StageOutcome> {
    const app = await this.read(uow, id);
    if (!app) return { ok: false, why: 'missing' };
    const outcome = decide(app, decision, this.org.recruitment.stages, this.org.recruitment.noticeDays, now);
    if (!outcome.ok) return outcome;
    if (outcome.event === 'notice') {
      const department = outcome.app.department as string;
      if (department !== decision.department) return { ok: false, why: 'bad-department' };
      const seat = await this.membership.takeSeat(uow, app.applicant.openId, department);
      if (!seat.ok) return { ...seat, why: 'full' };
    }
    uow.write(...applicationWrites(this.keys, outcome.app));
    return outcome;
  }

  /**
   * Ends an application that is not over yet: withdrawn by the applicant. A seat it held
   * during the notice is given back.
   */
  async close(
    uow: UnitOfWork,
    id: string,
    entry: TrailEntry,
    state: 'withdrawn' | 'rejected',
  ): Promise<CloseOutcome> {
    const app = await this.read(uow, id);
    if (!app) return { ok: false, why: 'missing' };
    if (!isOpen(app)) return { ok: false, why: 'closed' };
    if (app.state === 'notice' && app.department)
      await this.membership.freeSeat(uow, app.applicant.openId, app.department);
    const next = withEntry(app, entry, { state, stageSince: entry.at });
    uow.write(...applicationWrites(this.keys, next));
    return { ok: true, app: next };
  }

  /**
   * Records an objection during the notice. An anonymous one (`by: 'anonymous'`) keeps
   * no trace of who made it. The notice and its end stay as they are.
   */
  async object(
    uow: UnitOfWork,
    id: string,
    o: { at: string; by: string; name?: string; college?: string; reason: string },
    now: Date,
  ): Promise<ObjectOutcome> {
    const app = await this.read(uow, id);
    if (!app) return { ok: false, why: 'missing' };
    if (!inNotice(app, now)) return { ok: false, why: 'not-in-notice' };
    const n = app.objections.reduce((max, x) => Math.max(max, x.n), 0) + 1;
    const objection: Objection = {
      n,
      at: o.at,
      by: o.by,
      ...(o.name ? { byName: o.name } : {}),
      ...(o.college ? { byCollege: o.college } : {}),
      reason: o.reason,
      status: 'open',
    };
    const entry: TrailEntry = {
      at: o.at,
      by: o.by,
      ...(o.name ? { name: o.name } : {}),
      action: 'objected',
      reason: o.reason,
    };
    const next: Application = {
      ...app,
      objections: [...app.objections, objection],
      updatedAt: o.at,
      rev: app.rev + 1,
      trail: [...app.trail, entry],
    };
    uow.write(...applicationWrites(this.keys, next));
    return { ok: true, app: next, objection };
  }

  /**
   * The League committee upholds or dismisses an objection; the first decision wins.
   * Upheld during the notice, the application is rejected and its seat freed in the same step.
   */
  async resolveObjection(
    uow: UnitOfWork,
    id: string,
    n: number,
    d: { status: 'upheld' | 'dismissed'; reason: string; by: string; name?: string; at: string },
  ): Promise<ResolveOutcome> {
    const app = await this.read(uow, id);
    const objection = app?.objections.find((o) => o.n === n);
    if (!app || !objection) return { ok: false, why: 'missing' };
    if (objection.status !== 'open') return { ok: false, why: 'resolved', app, objection };
    const entry: TrailEntry = {
      at: d.at,
      by: d.by,
      ...(d.name ? { name: d.name } : {}),
      role: 'leagueCommittee',
      action: d.status === 'upheld' ? 'objection-upheld' : 'objection-dismissed',
      reason: d.reason,
    };
    const resolved: Objection = {
      ...objection,
      status: d.status,
      resolvedBy: d.by,
      resolvedAt: d.at,
      resolution: d.reason,
    };
    const objections = app.objections.map((o) => (o.n === n ? resolved : o));
    const rejected = d.status === 'upheld' && app.state === 'notice';
    const next = withEntry(
      app,
      entry,
      rejected ? { objections, state: 'rejected', stageSince: d.at } : { objections },
    );
    if (rejected && app.department) await this.membership.freeSeat(uow, app.applicant.openId, app.department);
    uow.write(...applicationWrites(this.keys, next));
    return { ok: true, app: next, objection: resolved, rejected };
  }

  /**
   * Appoints an application whose notice ended with no open or upheld objection: state,
   * trail and the person's membership (the `member` role). The seat was taken at the panel.
   */
  async appoint(uow: UnitOfWork, id: string, now: Date): Promise<AppointOutcome> {
    const app = await this.read(uow, id);
    if (!app) return { appointed: false, why: 'gone' };
    const check = appointable(app, now);
    if (!check.appointed) return check;
    const department = app.department as string;
    const at = now.toISOString();
    const next = withEntry(
      app,
      { at, by: 'system', action: 'appointed', department },
      { state: 'appointed', stageSince: at },
    );
    await this.membership.appoint(uow, app.applicant.openId, department);
    uow.write(...applicationWrites(this.keys, next));
    return { appointed: true, app: next };
  }

  /**
   * Writes an exit into the trail of the application that appointed the person to the
   * department (if there is one); returns its id.
   */
  async recordExit(
    uow: UnitOfWork,
    openId: string,
    department: string,
    entry: TrailEntry,
  ): Promise<string | undefined> {
    const appointed = (await this.ofPerson(openId)).find(
      (a) => a.state === 'appointed' && a.department === department,
    );
    if (!appointed) return undefined;
    const app = await this.read(uow, appointed.id);
    if (app?.state !== 'appointed' || app.department !== department) return undefined;
    uow.write({
      op: 'set',
      key: this.keys.application(app.id),
      value: JSON.stringify(withEntry(app, entry)),
    });
    return app.id;
  }

  /** An application as the unit of work sees it (checked again at commit). */
  private async read(uow: UnitOfWork, id: string): Promise<Application | undefined> {
    const key = this.keys.application(id);
    return parseApplication((await uow.read({ values: [key] })).values.get(key));
  }
}
