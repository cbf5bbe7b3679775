import type { Org } from '../config/org.ts';
import type { Activity } from './activities.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The no-show rule's settings (org file, `activities.noShow`). */
export type NoShowRule = Org['activities']['noShow'];

/** What became of a seated student at an activity (SPEC §4 check-in). */
export type AttendanceStatus = 'attended' | 'excused' | 'absent' | 'pending';

/**
 * A seated student's status at an activity, from the attendance record (`attended`,
 * `excused:<reason>`, or nothing): nothing recorded counts as absent once the activity
 * has ended, and is still open (`pending`) before. Derived, so no job has to mark it.
 */
export function attendanceStatus(recorded: string | undefined, endsAt: string, now: Date): AttendanceStatus {
  if (recorded === 'attended') return 'attended';
  if (recorded?.startsWith('excused')) return 'excused';
  return now.getTime() >= Date.parse(endsAt) ? 'absent' : 'pending';
}

/** The reason given with `/请假` (`excused:<reason>`), else undefined. */
export function excuseReason(recorded: string | undefined): string | undefined {
  return recorded?.startsWith('excused:') ? recorded.slice('excused:'.length) : undefined;
}

/** An activity a student held a seat at, with how it went for them. */
export interface AttendanceRecordEntry {
  activityId: string;
  endsAt: string;
  status: AttendanceStatus;
}

/** Why and until when a student registers late: the absences that count and the dates. */
export interface NoShowDelay {
  /** Unexcused absences within `withinDays`. */
  absences: number;
  /** Ids of those activities, oldest first. */
  activities: string[];
  /** When the last counted absence was (the activity's end). */
  lastAbsence: string;
  /** The rule applies until then (last absence + `delayDays`). */
  ruleEnds: string;
  /** When this student may register for this activity (its registration opens + `delayHours`). */
  mayRegisterAt: string;
}

/**
 * The no-show rule (issue 11, item 6): `absences` or more unexcused absences at
 * activities that ended within the last `withinDays` → for `delayDays` after the last of
 * them, the student may register for an activity only once `delayHours` of its
 * registration window have passed (the others go first). Returns the delay when it
 * holds now, else undefined. Pure: `history` is the student's seats at ended activities.
 */
export function noShowDelay(
  history: readonly AttendanceRecordEntry[],
  rule: NoShowRule,
  activity: Pick<Activity, 'opensAt'>,
  now: Date,
): NoShowDelay | undefined {
  const t = now.getTime();
  const since = t - rule.withinDays * DAY_MS;
  const counted = history
    .filter((h) => h.status === 'absent')
    .filter((h) => {
      const end = Date.parse(h.endsAt);
      return end >= since && end <= t;
    })
    .sort((a, b) => Date.parse(a.endsAt) - Date.parse(b.endsAt));
  if (counted.length < rule.absences) return undefined;
  const last = counted.at(-1) as AttendanceRecordEntry;
  const ruleEnds = Date.parse(last.endsAt) + rule.delayDays * DAY_MS;
  if (t >= ruleEnds) return undefined;
  // The rule ending inside the delay frees the student then.
  const mayRegisterAt = Math.min(Date.parse(activity.opensAt) + rule.delayHours * HOUR_MS, ruleEnds);
  if (t >= mayRegisterAt) return undefined;
  return {
    absences: counted.length,
    activities: counted.map((h) => h.activityId),
    lastAbsence: new Date(Date.parse(last.endsAt)).toISOString(),
    ruleEnds: new Date(ruleEnds).toISOString(),
    mayRegisterAt: new Date(mayRegisterAt).toISOString(),
  };
}
