import type { BotContext, WorkContext } from '../../bot/context.ts';
import { UserError } from '../../bot/errors.ts';
import { ACTIVITY_ID } from '../../cards/activities/activity-values.ts';
import type { Activity } from '../../domain/activities.ts';
import { hasRole } from '../../domain/roles.ts';
import { localDateTime } from '../../lib/dates.ts';
import { checkInCode, codeMatches, codeSlot } from '../../lib/rotating-code.ts';

/**
 * The key check-in codes are made with: derived from the bot's sealing key, so nobody
 * without the bot's secret (not even someone with a copy of the store) can work out a
 * code ahead of time.
 */
export function checkInSecret(ctx: WorkContext): string {
  return ctx.sealer.pseudonym('activities:check-in-codes');
}

/** The activity named by the first argument (normalised to `A12`), or a refusal. */
export async function activityNamed(
  ctx: BotContext,
  raw: string | undefined,
  usage: 'checkin.usage' | 'excuse.usage' | 'checkinCode.usage',
): Promise<Activity> {
  if (!raw || !ACTIVITY_ID.test(raw)) throw new UserError(usage);
  const id = raw.toUpperCase();
  const a = await ctx.repos.activities.get(id);
  if (!a || a.state === 'draft') throw new UserError('attendance.unknown', { id });
  if (a.state === 'cancelled') throw new UserError('attendance.cancelled', { id, title: a.title });
  return a;
}

/** Who runs an activity: its organiser, the organising department's heads, the presidium. */
export function runsActivity(ctx: BotContext, a: Activity): boolean {
  const { actor } = ctx;
  return (
    a.organiser.openId === actor.openId || actor.heads.includes(a.department) || hasRole(actor, 'presidium')
  );
}

/** Where the check-in window stands: before, open, or over. */
export function windowState(a: Activity, now: Date): 'before' | 'open' | 'over' {
  const t = now.getTime();
  if (t < Date.parse(a.checkIn.from)) return 'before';
  if (t > Date.parse(a.checkIn.until)) return 'over';
  return 'open';
}

/** Refuses outside the check-in window, naming it. */
export function requireWindow(ctx: WorkContext, a: Activity): void {
  const state = windowState(a, ctx.now());
  if (state === 'open') return;
  const params = {
    id: a.id,
    title: a.title,
    from: localDateTime(a.checkIn.from, ctx.org.timezone),
    until: localDateTime(a.checkIn.until, ctx.org.timezone),
  };
  throw new UserError(state === 'before' ? 'checkin.notYet' : 'checkin.over', params);
}

/** The code shown now and until when it is shown (the end of its slot, or of the window). */
export function currentCode(ctx: WorkContext, a: Activity): { code: string; until: Date } {
  const minutes = ctx.org.activities.codeMinutes;
  const slot = codeSlot(ctx.now(), minutes);
  const slotEnd = (slot + 1) * minutes * 60_000;
  return {
    code: checkInCode(checkInSecret(ctx), a.id, slot),
    until: new Date(Math.min(slotEnd, Date.parse(a.checkIn.until))),
  };
}

/** Is `code` the current code (or the one just before it)? */
export function codeAccepted(ctx: WorkContext, a: Activity, code: string): boolean {
  return codeMatches(checkInSecret(ctx), a.id, code, ctx.now(), ctx.org.activities.codeMinutes);
}
