import type { Activity } from '../../domain/activities.ts';
import { localDateTime } from '../../lib/dates.ts';
import { WorkCalendar } from '../calendar.ts';
import type { Job, JobContext } from '../job.ts';

const HOUR_MS = 3_600_000;

/** The tag a reminder is recorded under on the activity (`24h`, `1h`). */
export const reminderTag = (hours: number) => `${hours}h`;

export type ReminderDecision =
  | { do: 'none' }
  | { do: 'wait' }
  /** Send the `hours` reminder; record every tag in `tags` (a later one makes earlier ones moot). */
  | { do: 'send'; hours: number; tags: string[] }
  /** Too late (quiet hours ran into it): record without sending. */
  | { do: 'skip'; tags: string[] };

/**
 * What to do about an activity's reminders now. The reminders due and not yet sent are
 * folded into the latest of them (a 24 h reminder caught up after the 1 h one's time is
 * not sent as well). In quiet hours it waits for their end, unless by then less than
 * half its lead would be left before the start (a 1 h reminder due at 07:30 for an 08:20
 * start after quiet hours until 08:00): then it is skipped. `quietEnd(now)` is now
 * outside quiet hours, else their end.
 */
export function reminderDecision(
  a: Pick<Activity, 'startsAt' | 'reminded' | 'state'>,
  remindHours: readonly number[],
  now: Date,
  quietEnd: (at: Date) => Date,
): ReminderDecision {
  const start = Date.parse(a.startsAt);
  const t = now.getTime();
  if (a.state !== 'published' || t >= start) return { do: 'none' };
  const due = remindHours
    .filter((h) => !a.reminded.includes(reminderTag(h)) && start - h * HOUR_MS <= t)
    .sort((x, y) => x - y);
  const latest = due[0];
  if (latest === undefined) return { do: 'none' };
  const tags = due.map(reminderTag);
  const goesAt = quietEnd(now).getTime();
  if (goesAt > start - (latest * HOUR_MS) / 2) return { do: 'skip', tags };
  if (goesAt > t) return { do: 'wait' };
  return { do: 'send', hours: latest, tags };
}

/**
 * Every 5 minutes (SPEC §6, issue 11 item 5): each seated student of a published activity
 * is reminded `activities.remindHours` before its start (24 h and 1 h), with the title,
 * time and place. Each reminder is recorded on the activity (`reminded`) in the run's unit
 * of work, so it goes once whatever the runs and replicas. Quiet hours are kept here (see
 * {@link reminderDecision}); weekends and holidays are not skipped: activities happen then.
 */
export const activityReminders: Job = {
  name: 'activity-reminders',
  cron: '*/5 * * * *',
  summary: 'job.activity-reminders',
  period: 'slot',
  reminder: false,
  catchUp: true,
  async run(ctx) {
    const now = ctx.now();
    const hours = ctx.org.activities.remindHours;
    if (hours.length === 0) return;
    const quiet = new WorkCalendar(
      { ...ctx.org.calendar, holidays: [], workdays: [], weekendsOff: false },
      ctx.org.timezone,
    );
    const quietEnd = (at: Date) => quiet.shift(at);
    const horizon = now.getTime() + Math.max(...hours) * HOUR_MS;
    let sent = 0;
    for (const seen of await ctx.repos.activities.startingBetween(now.getTime(), horizon)) {
      if (reminderDecision(seen, hours, now, quietEnd).do === 'none') continue;
      // Decided again on the record as read in this unit: a reminder another run recorded is not repeated.
      const a = await ctx.repos.activities.read(ctx.uow, seen.id);
      if (!a) continue;
      const decision = reminderDecision(a, hours, now, quietEnd);
      if (decision.do === 'none' || decision.do === 'wait') continue;
      ctx.repos.activities.save(ctx.uow, {
        ...a,
        reminded: [...a.reminded, ...decision.tags],
        updatedAt: now.toISOString(),
        rev: a.rev + 1,
      });
      if (decision.do === 'skip') {
        ctx.log.info({ id: a.id, tags: decision.tags }, 'activity-reminders: skipped (quiet hours)');
        continue;
      }
      sent += await remind(ctx, a, decision.hours);
    }
    if (sent > 0) ctx.log.info({ sent }, 'activity-reminders: reminders sent');
  },
};

/** One reminder to each seated student; returns how many. */
async function remind(ctx: JobContext, a: Activity, hours: number): Promise<number> {
  const { seated } = await ctx.repos.activities.seats().read(ctx.repos.activities.listOf(a.id));
  const text = ctx.t(hours >= 24 ? 'reminder.activity.day' : 'reminder.activity.soon', {
    id: a.id,
    title: a.title,
    start: localDateTime(a.startsAt, ctx.org.timezone),
    place: a.place,
    hours,
  });
  for (const id of seated) ctx.sendText({ type: 'open_id', id }, text);
  return seated.length;
}
