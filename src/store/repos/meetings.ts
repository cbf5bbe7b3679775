import { appendMeeting, type Meeting, type MeetingMonth, parseMeetingMonth } from '../../domain/meetings.ts';
import type { Unit } from '../../domain/units.ts';
import type { KeySpace } from '../keys.ts';
import type { Store } from '../store.ts';
import type { UnitOfWork } from '../unit-of-work.ts';

export type RecordOutcome = { ok: true; count: number } | { ok: false; why: 'duplicate' };

/** Each unit's study meetings per month (`meetings:<yyyy-mm>:<unit>`, JSON v1). */
export class MeetingsRepo {
  constructor(
    private readonly store: Store,
    private readonly keys: KeySpace,
  ) {}

  /** Every unit's record for a month, read in one round trip; units with none get an empty record. */
  async month(month: string, unitIds: readonly string[]): Promise<Map<string, MeetingMonth>> {
    if (unitIds.length === 0) return new Map();
    const raw = await this.store.mget(unitIds.map((unit) => this.keys.meetings(month, unit)));
    return new Map(unitIds.map((unit, i) => [unit, parseMeetingMonth(raw[i], unit, month)]));
  }

  /** The units, each with its meetings of the month. */
  async withMeetings<U extends Unit>(
    units: readonly U[],
    month: string,
  ): Promise<(U & { meetings: readonly Meeting[] })[]> {
    const records = await this.month(
      month,
      units.map((u) => u.id),
    );
    return units.map((u) => ({ ...u, meetings: records.get(u.id)?.meetings ?? [] }));
  }

  /**
   * Appends a meeting to its unit's month. Two recordings at once are both kept (the
   * loser's unit of work runs again on the new record); a repeat (same unit, date and
   * topic) is refused and nothing is written.
   */
  async record(uow: UnitOfWork, unitId: string, meeting: Meeting): Promise<RecordOutcome> {
    const month = meeting.date.slice(0, 7);
    const key = this.keys.meetings(month, unitId);
    const s = await uow.read({ values: [key] });
    const next = appendMeeting(parseMeetingMonth(s.values.get(key), unitId, month), meeting);
    if (!next.ok) return { ok: false, why: 'duplicate' };
    uow.write({ op: 'set', key, value: JSON.stringify(next.record) });
    return { ok: true, count: next.record.meetings.length };
  }
}
