import type { BotContext } from '../../bot/context.ts';
import { UserError } from '../../bot/errors.ts';
import { appendMeeting, type Meeting, type MeetingMonth, parseMeetingMonth } from '../../domain/meetings.ts';
import { type Unit, unitsOf } from '../../domain/units.ts';
import type { KeySpace } from '../keys.ts';
import type { Store } from '../store.ts';

/** Every unit's record for a month, read in one round trip; units with none get an empty record. */
export async function readMeetingMonth(
  store: Store,
  keys: KeySpace,
  month: string,
  unitIds: readonly string[],
): Promise<Map<string, MeetingMonth>> {
  if (unitIds.length === 0) return new Map();
  const raw = await store.mget(unitIds.map((unit) => keys.meetings(month, unit)));
  return new Map(unitIds.map((unit, i) => [unit, parseMeetingMonth(raw[i], unit, month)]));
}

/** Every unit (school, colleges, extra units) with its meetings of the month. */
export async function unitsWithMeetings(
  ctx: Pick<BotContext, 'store' | 'keys' | 'org' | 't'>,
  month: string,
): Promise<(Unit & { meetings: readonly Meeting[] })[]> {
  const units = unitsOf(ctx.org, ctx.t('unit.school'));
  const records = await readMeetingMonth(
    ctx.store,
    ctx.keys,
    month,
    units.map((u) => u.id),
  );
  return units.map((u) => ({ ...u, meetings: records.get(u.id)?.meetings ?? [] }));
}

/**
 * Appends a meeting to its unit's month, atomically: the record is watched, so two
 * recordings at once are both kept (the loser of the race plans again on the new record).
 * A repeat (same unit, date and topic) is refused and nothing is written.
 */
export async function recordMeeting(
  ctx: Pick<BotContext, 'transact' | 'keys'>,
  unit: Unit,
  meeting: Meeting,
): Promise<{ count: number }> {
  const month = meeting.date.slice(0, 7);
  const key = ctx.keys.meetings(month, unit.id);
  return ctx.transact({
    watch: [key],
    plan: (snapshot) => {
      const record = parseMeetingMonth(snapshot.values.get(key), unit.id, month);
      const next = appendMeeting(record, meeting);
      if (!next.ok) {
        throw new UserError('meeting.duplicate', {
          unit: unit.name,
          date: meeting.date,
          topic: meeting.topic,
        });
      }
      return {
        writes: [{ op: 'set', key, value: JSON.stringify(next.record) }],
        result: { count: next.record.meetings.length },
      };
    },
  });
}
