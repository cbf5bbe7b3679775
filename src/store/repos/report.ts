import { z } from 'zod';
import type { KeySpace } from '../keys.ts';
import type { Store } from '../store.ts';
import type { UnitOfWork } from '../unit-of-work.ts';

/** `YYYY-MM`. */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The record of a month's report once sent to the League committee (`report:<YYYY-MM>`). */
export const ReportRecordSchema = z.object({
  v: z.literal(1),
  month: z.string().regex(MONTH),
  /** ISO instant. */
  sentAt: z.string(),
  sentBy: z.object({ openId: z.string(), name: z.string().optional() }),
  /** Each section's key numbers as sent, by section id. */
  facts: z.record(z.string(), z.record(z.string(), z.union([z.number(), z.string()]))),
});
export type ReportRecord = z.infer<typeof ReportRecordSchema>;

export type SentOutcome = { outcome: 'sent' | 'already'; record: ReportRecord };

function parseRecord(raw: string | null | undefined): ReportRecord | undefined {
  if (raw == null) return undefined;
  return ReportRecordSchema.parse(JSON.parse(raw));
}

/** The monthly work reports sent to the League committee. */
export class ReportRepo {
  constructor(
    private readonly store: Store,
    private readonly keys: KeySpace,
  ) {}

  /** The month's record when its report was sent. */
  async sent(month: string): Promise<ReportRecord | undefined> {
    return parseRecord(await this.store.get(this.keys.report(month)));
  }

  /** Records the month's report as sent, once: if it was sent first, its record comes back and nothing is written. */
  async markSent(uow: UnitOfWork, record: ReportRecord): Promise<SentOutcome> {
    const key = this.keys.report(record.month);
    const existing = parseRecord((await uow.read({ values: [key] })).values.get(key));
    if (existing) return { outcome: 'already', record: existing };
    uow.write({ op: 'set', key, value: JSON.stringify(record) });
    return { outcome: 'sent', record };
  }
}
