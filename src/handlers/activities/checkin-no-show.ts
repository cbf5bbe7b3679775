import type { WorkContext } from '../../bot/context.ts';
import { UserError } from '../../bot/errors.ts';
import type { Activity } from '../../domain/activities.ts';
import {
  type AttendanceRecordEntry,
  attendanceStatus,
  type NoShowDelay,
  noShowDelay,
} from '../../domain/no-show.ts';
import { localDateTime } from '../../lib/dates.ts';
import type { ActivitiesRepo } from '../../store/repos/activities.ts';

const DAY_MS = 24 * 3_600_000;
/** Activities are looked up by their start: one may start this long before it ends. */
const LONGEST_ACTIVITY_MS = 14 * DAY_MS;

/**
 * Who was absent (seated, not attended, not excused) at an activity whose check-in is
 * over: final, so kept per process (keyed by the record's revision). Registration at a
 * popular activity's opening asks this for thousands of students within a second.
 */
const absenteesCache = new WeakMap<ActivitiesRepo, Map<string, Set<string>>>();

async function absenteesOf(repo: ActivitiesRepo, a: Activity, now: Date): Promise<Set<string>> {
  const final = now.getTime() > Math.max(Date.parse(a.endsAt), Date.parse(a.checkIn.until));
  const key = `${a.id}:${a.rev}`;
  const cache = absenteesCache.get(repo) ?? new Map<string, Set<string>>();
  absenteesCache.set(repo, cache);
  const cached = final ? cache.get(key) : undefined;
  if (cached) return cached;
  const [list, attendance] = await Promise.all([repo.seats().read(repo.listOf(a.id)), repo.attendance(a.id)]);
  const absent = new Set(
    list.seated.filter((id) => attendanceStatus(attendance[id], a.endsAt, now) === 'absent'),
  );
  if (final) cache.set(key, absent);
  return absent;
}

/** How long the list of recently started activities is reused (every click asked for it). */
const RECENT_TTL_MS = 1_000;
const recentCache = new WeakMap<
  ActivitiesRepo,
  { from: number; to: number; until: number; saves: number; list: Promise<Activity[]> }
>();

/**
 * Activities starting in `[from, to]`, from one read shared by every registration within
 * `RECENT_TTL_MS` of real time (the read covers that much more on each side, and is filtered
 * here) and no activity saved by this process since: a stampede's clicks cost no store call
 * for it. The answer is at most that old, as if the click had come a second earlier.
 */
async function startingBetween(repo: ActivitiesRepo, from: number, to: number): Promise<Activity[]> {
  const now = performance.now();
  let hit = recentCache.get(repo);
  if (!hit || now >= hit.until || from < hit.from || to > hit.to || hit.saves !== repo.saves) {
    const [lo, hi] = [from - RECENT_TTL_MS, to + RECENT_TTL_MS];
    const list = repo.startingBetween(lo, hi);
    hit = { from: lo, to: hi, until: now + RECENT_TTL_MS, saves: repo.saves, list };
    recentCache.set(repo, hit);
    // A failed read is not kept: the next click asks again.
    list.catch(() => {
      if (recentCache.get(repo) === hit) recentCache.delete(repo);
    });
  }
  const all = await hit.list;
  return all.filter((a) => {
    const start = Date.parse(a.startsAt);
    return start >= from && start <= to;
  });
}

/**
 * The student's unexcused absences at published activities that ended within the rule's
 * `withinDays` (the only entries the rule counts).
 */
export async function absenceHistory(ctx: WorkContext, openId: string): Promise<AttendanceRecordEntry[]> {
  const now = ctx.now();
  const repo = ctx.repos.activities;
  const since = now.getTime() - ctx.org.activities.noShow.withinDays * DAY_MS;
  const recent = await startingBetween(repo, since - LONGEST_ACTIVITY_MS, now.getTime());
  const ended = recent.filter(
    (a) => a.state === 'published' && Date.parse(a.endsAt) <= now.getTime() && Date.parse(a.endsAt) >= since,
  );
  const absent = await Promise.all(ended.map((a) => absenteesOf(repo, a, now)));
  return ended.flatMap((a, i) =>
    absent[i]?.has(openId) ? [{ activityId: a.id, endsAt: a.endsAt, status: 'absent' as const }] : [],
  );
}

/**
 * The no-show rule for a student registering for `activity` now: the delay, if one holds.
 * Reads nothing once the activity has been open for `delayHours` (nobody is delayed then).
 */
export async function noShowDelayFor(
  ctx: WorkContext,
  activity: Activity,
  openId: string,
): Promise<NoShowDelay | undefined> {
  const rule = ctx.org.activities.noShow;
  const now = ctx.now();
  if (now.getTime() >= Date.parse(activity.opensAt) + rule.delayHours * 3_600_000) return undefined;
  return noShowDelay(await absenceHistory(ctx, openId), rule, activity, now);
}

/** The refusal that tells the student the rule, their absences and when they may register. */
export function noShowRefusal(ctx: WorkContext, activity: Activity, delay: NoShowDelay): UserError {
  const { noShow } = ctx.org.activities;
  const tz = ctx.org.timezone;
  return new UserError('noShow.delayed', {
    id: activity.id,
    title: activity.title,
    n: delay.absences,
    activities: delay.activities.join('、'),
    absences: noShow.absences,
    withinDays: noShow.withinDays,
    delayDays: noShow.delayDays,
    delayHours: noShow.delayHours,
    ruleEnds: localDateTime(delay.ruleEnds, tz),
    at: localDateTime(delay.mayRegisterAt, tz),
  });
}

/**
 * For the register path (command and button): throws the explained refusal when the
 * no-show rule holds the student back from `activity` now; else does nothing.
 */
export async function checkNoShow(ctx: WorkContext, activity: Activity, openId: string): Promise<void> {
  const delay = await noShowDelayFor(ctx, activity, openId);
  if (delay) throw noShowRefusal(ctx, activity, delay);
}
