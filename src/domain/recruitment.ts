import { z } from 'zod';
import type { ApproverRole, Org } from '../config/org.ts';
import { APPROVER_ROLES, POLITICAL_STATUSES } from '../config/org.ts';
import type { Actor } from './roles.ts';

/**
 * Department recruitment (source document 二(三)): personal application → the college's
 * League branch recommends → the college's Party committee agrees → the school League
 * committee's panel scores and decides (taking a seat) → public notice (公示) → appointed.
 * Everything here is pure: (state, command, now) → new state. The store makes it atomic.
 */

export const APPLICATION_STATES = ['review', 'notice', 'appointed', 'rejected', 'withdrawn'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export const TRAIL_ACTIONS = [
  'submitted',
  'approved',
  'rejected',
  'withdrawn',
  'placed',
  'notice',
  'objected',
  'objection-upheld',
  'objection-dismissed',
  'appointed',
  'resigned',
  'removed',
] as const;
export type TrailAction = (typeof TRAIL_ACTIONS)[number];

/** One step of an application's audit trail: who, in what role, when, what, why. */
export const TrailEntrySchema = z.object({
  at: z.string(),
  /** open_id, `system` (a job) or `anonymous` (an objection made anonymously). */
  by: z.string(),
  name: z.string().optional(),
  role: z.string().optional(),
  action: z.enum(TRAIL_ACTIONS),
  stage: z.string().optional(),
  reason: z.string().optional(),
  department: z.string().optional(),
  scores: z.object({ written: z.number(), interview: z.number() }).optional(),
});
export type TrailEntry = z.infer<typeof TrailEntrySchema>;

export const ApplicantSchema = z.object({
  openId: z.string(),
  name: z.string(),
  studentNo: z.string(),
  college: z.string(),
  className: z.string(),
  political: z.enum(POLITICAL_STATUSES),
  phone: z.string(),
});
export type Applicant = z.infer<typeof ApplicantSchema>;

/** An objection raised during the public notice (source document: 接受广大同学监督). */
export const ObjectionSchema = z.object({
  n: z.number().int().min(1),
  at: z.string(),
  /** The objector's open_id, or `anonymous`: an anonymous objector is not recorded at all. */
  by: z.string(),
  /** A named objector's name and college (or Feishu department) when they objected: for the League committee only. */
  byName: z.string().optional(),
  byCollege: z.string().optional(),
  reason: z.string(),
  status: z.enum(['open', 'upheld', 'dismissed']),
  resolvedBy: z.string().optional(),
  resolvedAt: z.string().optional(),
  resolution: z.string().optional(),
});
export type Objection = z.infer<typeof ObjectionSchema>;

export const ApplicationSchema = z.object({
  v: z.literal(1),
  /** `R-2026-0001`. */
  id: z.string(),
  applicant: ApplicantSchema,
  first: z.string(),
  second: z.string().optional(),
  /** 服从调剂: the panel may place the applicant in the second choice. */
  adjust: z.boolean(),
  reason: z.string(),
  state: z.enum(APPLICATION_STATES),
  /** Index into the org's stages while in review. */
  stage: z.number().int().min(0),
  /** When the current stage (or the notice) began: nudges count from here. */
  stageSince: z.string(),
  /** The department whose seat the panel gave. */
  department: z.string().optional(),
  scores: z.object({ written: z.number(), interview: z.number() }).optional(),
  /** End of the public notice (ISO). */
  noticeUntil: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Bumped on every change; a card carries the revision it was drawn at. */
  rev: z.number().int(),
  objections: z.array(ObjectionSchema).default([]),
  /**
   * Stages decided by someone other than their own approvers, by stage id: set when the
   * application is filed, for a stage with nobody to decide but the applicant (an advisor
   * applying to the union) or nobody at all. The stage keeps its name; its fallback decides.
   */
  deciders: z.record(z.string(), z.enum(APPROVER_ROLES)).optional(),
  trail: z.array(TrailEntrySchema),
});
export type Application = z.infer<typeof ApplicationSchema>;

export type Stage = Org['recruitment']['stages'][number];

/** Whether the person may decide at this stage on this application, and why not. */
export function canDecide(
  actor: Actor,
  app: Application,
  stage: Stage,
): { ok: true; role: ApproverRole } | { ok: false; why: 'self' | 'not-approver' } {
  if (actor.openId === app.applicant.openId) return { ok: false, why: 'self' };
  const role = deciderOf(app, stage);
  return isApprover(actor, role, app.applicant.college)
    ? { ok: true, role }
    : { ok: false, why: 'not-approver' };
}

/** Who decides a stage of this application: the stage's approvers, or its fallback when they could not. */
export function deciderOf(app: Application, stage: Stage): ApproverRole {
  return app.deciders?.[stage.id] ?? stage.approvers;
}

/** The stage's fallback: by default the League committee (the presidium when that is the stage). */
export function fallbackOf(stage: Stage): ApproverRole {
  return stage.fallback ?? (stage.approvers === 'leagueCommittee' ? 'presidium' : 'leagueCommittee');
}

/**
 * Which stages must go to their fallback for this applicant: those where nobody but the
 * applicant (or nobody at all) holds the deciding role for the applicant's college. When
 * the fallback has nobody either, the next school-level body is tried; a stage nobody can
 * decide keeps its approvers (and the log says so when its cards go out).
 */
export function planDeciders(
  org: Org,
  applicant: Actor,
  college: string,
): Record<string, ApproverRole> | undefined {
  const others = (role: ApproverRole) =>
    approversOf(org, role, college).length - (isApprover(applicant, role, college) ? 1 : 0);
  const plan: Record<string, ApproverRole> = {};
  for (const stage of org.recruitment.stages) {
    if (others(stage.approvers) > 0) continue;
    const candidates = [fallbackOf(stage), 'leagueCommittee', 'presidium'] as const;
    const role = candidates.find((r) => r !== stage.approvers && others(r) > 0);
    if (role) plan[stage.id] = role;
  }
  return Object.keys(plan).length > 0 ? plan : undefined;
}

/** College-level approvers decide for their own college's applicants; school-level ones for all. */
export function isApprover(actor: Actor, role: ApproverRole, college: string): boolean {
  if (role === 'leagueBranch' || role === 'partyCommittee') return actor.colleges[role].includes(college);
  return actor.roles.has(role);
}

/** The people who decide at a stage for an applicant of `college`. */
export function approversOf(org: Org, role: ApproverRole, college: string) {
  if (role === 'leagueBranch' || role === 'partyCommittee') {
    return org.colleges.find((c) => c.id === college)?.[role] ?? [];
  }
  return role === 'presidium' ? org.presidium : org.leagueCommittee;
}

/** Is the last stage the one being decided (the panel, which scores and takes a seat)? */
export function isPanel(app: Application, stages: readonly Stage[]): boolean {
  return app.stage === stages.length - 1;
}

export interface Decision {
  actor: Actor;
  /** The stage the card was for: a card from an earlier stage is stale. */
  stage: number;
  decision: 'approve' | 'reject';
  reason?: string;
  /** The panel's scores (required when the panel approves). */
  scores?: { written: number; interview: number };
  /** Where the panel places the applicant (first choice, or the second with 服从调剂). */
  department?: string;
}

export type DecisionOutcome =
  | { ok: true; app: Application; event: 'advanced' | 'rejected' | 'notice' }
  | { ok: false; why: 'stale'; last?: TrailEntry }
  | { ok: false; why: 'self' | 'not-approver' | 'reason-required' | 'scores-required' | 'bad-department' };

/**
 * Applies a stage decision. The first decision wins: a decision for a stage the
 * application has already left is `stale`, with the entry that decided it.
 * A panel approval moves it to public notice; the caller must take the seat in the
 * same atomic step.
 */
export function decide(
  app: Application,
  d: Decision,
  stages: readonly Stage[],
  noticeDays: number,
  now: Date,
): DecisionOutcome {
  if (app.state !== 'review' || app.stage !== d.stage) {
    // The entry that decided the card's stage; else what last happened (a withdrawal…).
    const stageId = stages[d.stage]?.id;
    const trail = [...app.trail].reverse();
    const last =
      trail.find((t) => t.stage === stageId && (t.action === 'approved' || t.action === 'rejected')) ??
      trail.find((t) => t.action !== 'submitted' && t.by !== 'system');
    return { ok: false, why: 'stale', ...(last ? { last } : {}) };
  }
  const stage = stages[app.stage];
  if (!stage) return { ok: false, why: 'stale' };
  const allowed = canDecide(d.actor, app, stage);
  if (!allowed.ok) return { ok: false, why: allowed.why };
  const reason = d.reason?.trim();
  if (d.decision === 'reject' && !reason) return { ok: false, why: 'reason-required' };
  const at = now.toISOString();
  const entry: TrailEntry = {
    at,
    by: d.actor.openId,
    ...(d.actor.name ? { name: d.actor.name } : {}),
    role: allowed.role,
    action: d.decision === 'approve' ? 'approved' : 'rejected',
    stage: stage.id,
    ...(reason ? { reason } : {}),
  };
  const base = { ...app, updatedAt: at, rev: app.rev + 1 };
  if (d.decision === 'reject') {
    return { ok: true, event: 'rejected', app: { ...base, state: 'rejected', trail: [...app.trail, entry] } };
  }
  if (!isPanel(app, stages)) {
    return {
      ok: true,
      event: 'advanced',
      app: { ...base, stage: app.stage + 1, stageSince: at, trail: [...app.trail, entry] },
    };
  }
  if (!d.scores) return { ok: false, why: 'scores-required' };
  const department = d.department ?? app.first;
  if (department !== app.first && !(app.adjust && department === app.second))
    return { ok: false, why: 'bad-department' };
  const noticeUntil = new Date(now.getTime() + noticeDays * 24 * 3600_000).toISOString();
  return {
    ok: true,
    event: 'notice',
    app: {
      ...base,
      state: 'notice',
      stageSince: at,
      department,
      scores: d.scores,
      noticeUntil,
      trail: [
        ...app.trail,
        { ...entry, scores: d.scores, department },
        { at, by: 'system', action: 'notice' },
      ],
    },
  };
}

/** Seats left: a department and the union both have room, or what is full, with the numbers. */
export function seatCheck(
  taken: { department: number; union: number },
  caps: { department: number; union: number },
): { ok: true } | { ok: false; full: 'department' | 'union'; count: number; cap: number } {
  if (taken.department >= caps.department)
    return { ok: false, full: 'department', count: taken.department, cap: caps.department };
  if (taken.union >= caps.union) return { ok: false, full: 'union', count: taken.union, cap: caps.union };
  return { ok: true };
}

/** A department's seats: its own cap, else the default. */
export function departmentCap(org: Org, department: string): number {
  return org.departments.find((d) => d.id === department)?.cap ?? org.limits.department;
}

/** Appends a trail entry and bumps the revision. */
export function withEntry(
  app: Application,
  entry: TrailEntry,
  changes: Partial<Application> = {},
): Application {
  return { ...app, ...changes, updatedAt: entry.at, rev: app.rev + 1, trail: [...app.trail, entry] };
}

/** An application that still holds or waits for something: the one a student may have open. */
export function isOpen(app: Application): boolean {
  return app.state === 'review' || app.state === 'notice';
}

export type AppointOutcome =
  | { appointed: true; app: Application }
  | { appointed: false; why: 'gone' | 'not-due' | 'objection' };

/** An application whose notice is over may be appointed when no objection is open or upheld. */
export function appointable(app: Application, now: Date): AppointOutcome {
  if (app.state !== 'notice' || !app.department || !app.noticeUntil) return { appointed: false, why: 'gone' };
  if (Date.parse(app.noticeUntil) > now.getTime()) return { appointed: false, why: 'not-due' };
  if (app.objections.some((o) => o.status === 'open' || o.status === 'upheld'))
    return { appointed: false, why: 'objection' };
  return { appointed: true, app };
}

const DAY_MS = 24 * 3600_000;

/** Whole days between `since` (ISO) and now. */
export function daysWaiting(since: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(since)) / DAY_MS));
}

/** The longest objection, and the longest reason for deciding one. */
export const OBJECTION_MAX = 300;
