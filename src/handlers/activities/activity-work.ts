import type { BotContext, WorkContext } from '../../bot/context.ts';
import { UserError } from '../../bot/errors.ts';
import { type ActivityView, activityView } from '../../cards/activities/activity-card.ts';
import { ACTIVITY_ID } from '../../cards/activities/activity-values.ts';
import { type Activity, mayRegister, type StudentProfile } from '../../domain/activities.ts';
import { hasRole } from '../../domain/roles.ts';
import { localDateTime } from '../../lib/dates.ts';
import { refreshActivityCards } from '../../schedules/activities/activity-cards.ts';
import type { SeatStanding } from '../../store/store.ts';
import { checkNoShow } from './checkin-no-show.ts';

/** An activity's view in the org's words, with its counts when given. */
export function viewOf(ctx: WorkContext, a: Activity, counts?: ActivityView['counts']): ActivityView {
  return activityView(a, ctx.org, { presidiumName: ctx.t('role.presidium'), ...(counts ? { counts } : {}) });
}

/** `a12` → `A12`; anything else refused with the usage. */
export function activityId(word: string | undefined, usage: 'activity.usage.id'): string {
  if (!word || !ACTIVITY_ID.test(word)) throw new UserError(usage);
  return word.toUpperCase();
}

export async function requireActivity(ctx: WorkContext, id: string): Promise<Activity> {
  const a = await ctx.repos.activities.get(id);
  if (!a) throw new UserError('activity.refused.missing', { id });
  return a;
}

/** The organiser, a head of the organising department, or the presidium. */
export function mayManage(ctx: BotContext, a: Activity): boolean {
  const { actor } = ctx;
  return (
    a.organiser.openId === actor.openId || hasRole(actor, 'presidium') || actor.heads.includes(a.department)
  );
}

/**
 * The published card's count after a change: patched now when this activity's turn is
 * free (at most once every 5 s), and marked behind either way, so the offers job brings it
 * up to date when the stampede is over. Costs one store call, plus the update on a turn.
 */
export async function nudgeCard(ctx: WorkContext, a: Activity): Promise<void> {
  ctx.repos.activities.markCardDirty(ctx.uow, a.id, ctx.now());
  if (await ctx.repos.activities.cardTurn(a.id, ctx.now())) await refreshActivityCards(ctx, a);
}

export type Registered =
  | { ok: true; type: 'success' | 'info'; text: string }
  | { ok: false; why: 'profile' | 'full' };

/**
 * Registers the actor: eligibility and window (refused with a UserError, nothing
 * changed), then one atomic join of the seat list. Answers with the line the person sees.
 */
export async function register(
  ctx: BotContext,
  a: Activity,
  profile: StudentProfile | undefined,
): Promise<Registered> {
  const check = mayRegister(a, profile, ctx.now());
  if (!check.ok) {
    if (check.why === 'profile') return { ok: false, why: 'profile' };
    throw refusalOf(ctx, a, check.why, profile);
  }
  // The no-show rule: explained and refused while it holds (reads only early in the window).
  await checkNoShow(ctx, a, ctx.actor.openId);
  const { activities } = ctx.repos;
  const lottery = a.admission === 'lottery';
  const standing = await activities.seats().join(activities.listOf(a.id), ctx.actor.openId, {
    capacity: a.capacity,
    waitlist: a.waitlist,
    pool: lottery,
  });
  if (standing.state === 'full') return { ok: false, why: 'full' };
  await nudgeCard(ctx, a);
  return { ok: true, ...standingLine(ctx, a, standing) };
}

/** Where someone stands, as the toast or reply says it. */
export function standingLine(
  ctx: WorkContext,
  a: Activity,
  s: SeatStanding,
): { type: 'success' | 'info'; text: string } {
  const { t } = ctx;
  if (s.state === 'seated')
    return { type: 'success', text: t('activity.standing.seated', { n: s.position, capacity: a.capacity }) };
  if (s.state === 'waiting')
    return a.admission === 'lottery' && !a.lottery
      ? { type: 'success', text: t('activity.standing.pool', { n: s.position }) }
      : { type: 'info', text: t('activity.standing.waiting', { n: s.position }) };
  if (s.state === 'offered')
    return {
      type: 'info',
      text: t('activity.standing.offered', {
        until: localDateTime(new Date(s.until).toISOString(), ctx.org.timezone),
      }),
    };
  return { type: 'info', text: t('activity.standing.none') };
}

export function refusalOf(
  ctx: WorkContext,
  a: Activity,
  why: 'cancelled' | 'draft' | 'not-open' | 'closed' | 'college' | 'grade',
  profile?: StudentProfile,
): UserError {
  const at = (iso: string) => localDateTime(iso, ctx.org.timezone);
  switch (why) {
    case 'not-open':
      return new UserError('activity.refused.notOpen', { id: a.id, opens: at(a.opensAt) });
    case 'closed':
      return new UserError('activity.refused.closed', { id: a.id });
    case 'college':
      return new UserError('activity.refused.college', {
        id: a.id,
        colleges: viewOf(ctx, a).collegeNames.join('、'),
      });
    case 'grade':
      return new UserError('activity.refused.grade', {
        id: a.id,
        grades: a.grades.join('、'),
        grade: profile?.grade ?? '',
      });
    case 'draft':
      return new UserError('activity.refused.missing', { id: a.id });
    default:
      return new UserError('activity.refused.cancelled', { id: a.id });
  }
}

/** Grades offered in the profile form: this year's entry and the six before. */
export function gradeChoices(now: Date, zone: string): string[] {
  const year = Number(new Intl.DateTimeFormat('en', { timeZone: zone, year: 'numeric' }).format(now));
  return Array.from({ length: 7 }, (_, i) => String(year - i));
}

/** The departments the actor may organise for: their own; every one (and the presidium) for the presidium. */
export function organisable(ctx: BotContext): string[] {
  if (hasRole(ctx.actor, 'presidium')) return ['presidium', ...ctx.org.departments.map((d) => d.id)];
  return [...ctx.actor.departments];
}
