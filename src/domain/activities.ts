import { z } from 'zod';

/**
 * Activities (活动报名; source document: 校园文体活动、学风建设、创新创业, 项目制, 校院班联动).
 * Pure: the record and who may register when (the lottery's draw and check-in codes are in
 * lib/lottery.ts and lib/rotating-code.ts). Seats
 * themselves are a store seat list (see SeatLists): registration must hold under a stampede.
 */

export const ACTIVITY_STATES = ['draft', 'published', 'cancelled'] as const;
export type ActivityState = (typeof ACTIVITY_STATES)[number];

export const ActivitySchema = z.object({
  v: z.literal(1),
  /** `A12`. */
  id: z.string(),
  title: z.string(),
  description: z.string(),
  /** The organising department (id), or `presidium`. */
  department: z.string(),
  organiser: z.object({ openId: z.string(), name: z.string().optional() }),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string(),
  capacity: z.number().int().min(1),
  opensAt: z.string(),
  closesAt: z.string(),
  /** Who may register: college ids and grades (entry years, `2024`); empty: everyone. */
  colleges: z.array(z.string()).default([]),
  grades: z.array(z.string()).default([]),
  admission: z.enum(['first-come', 'lottery']),
  waitlist: z.boolean(),
  /** The check-in window (ISO instants). */
  checkIn: z.object({ from: z.string(), until: z.string() }),
  /** 二课学时 granted to those who attend (0: none). */
  hours: z.number().min(0).default(0),
  /** Chats the published card goes to besides `chats.announcements`. */
  chats: z.array(z.string()).default([]),
  state: z.enum(ACTIVITY_STATES),
  /** The lottery's draw, once made: anyone can re-run it from the seed and the sorted entrants. */
  lottery: z
    .object({
      seed: z.string(),
      drawnAt: z.string(),
      entrants: z.array(z.string()),
      winners: z.number().int(),
    })
    .optional(),
  /** Why and by whom the whole activity was cancelled (everyone registered was told). */
  cancelled: z.object({ at: z.string(), by: z.string(), reason: z.string() }).optional(),
  /** Reminders already sent (`24h`, `1h`). */
  reminded: z.array(z.string()).default([]),
  createdAt: z.string(),
  updatedAt: z.string(),
  rev: z.number().int(),
});
export type Activity = z.infer<typeof ActivitySchema>;

/** What the bot knows of a student to check eligibility: their college and grade (entry year). */
export const StudentProfileSchema = z.object({ v: z.literal(1), college: z.string(), grade: z.string() });
export type StudentProfile = z.infer<typeof StudentProfileSchema>;

export type RegisterCheck =
  | { ok: true }
  | { ok: false; why: 'cancelled' | 'draft' | 'not-open' | 'closed' | 'profile' | 'college' | 'grade' };

/** May this student register now (the window, the activity's state, colleges and grades)? */
export function mayRegister(a: Activity, profile: StudentProfile | undefined, now: Date): RegisterCheck {
  if (a.state === 'cancelled') return { ok: false, why: 'cancelled' };
  if (a.state === 'draft') return { ok: false, why: 'draft' };
  const t = now.getTime();
  if (t < Date.parse(a.opensAt)) return { ok: false, why: 'not-open' };
  if (t > Date.parse(a.closesAt) || t >= Date.parse(a.startsAt)) return { ok: false, why: 'closed' };
  if (a.colleges.length === 0 && a.grades.length === 0) return { ok: true };
  if (!profile) return { ok: false, why: 'profile' };
  if (a.colleges.length > 0 && !a.colleges.includes(profile.college)) return { ok: false, why: 'college' };
  if (a.grades.length > 0 && !a.grades.includes(profile.grade)) return { ok: false, why: 'grade' };
  return { ok: true };
}

/** Does the activity restrict who may register (so a profile is needed)? */
export function restricted(a: Activity): boolean {
  return a.colleges.length > 0 || a.grades.length > 0;
}

/** How long an offered seat is held: `offerHours`, but never past a quarter of the time left before the start. */
export function offerUntil(a: Activity, now: Date, offerHours: number): number {
  const start = Date.parse(a.startsAt);
  const plain = now.getTime() + offerHours * 3_600_000;
  const shortened = now.getTime() + Math.max(15 * 60_000, (start - now.getTime()) / 4);
  return Math.min(plain, Math.max(now.getTime() + 15 * 60_000, Math.min(shortened, start)));
}

export const ACTIVITY_TITLE_MAX = 40;
export const ACTIVITY_TEXT_MAX = 1000;
