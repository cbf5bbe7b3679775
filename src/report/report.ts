import { DateTime } from 'luxon';
import { z } from 'zod';
import type { BotContext } from '../bot/context.ts';
import { UserError } from '../bot/errors.ts';
import { markdown } from '../cards/card.ts';
import { escapeMarkdown } from '../cards/escape.ts';
import { type ReportCardModel, reportCard } from '../cards/report/report-card.ts';
import { monthOf } from '../lib/dates.ts';
import { cardContent } from '../messages/content.ts';
import type { ReportPart, ReportSection } from './section.ts';
import { reportSections } from './sections.ts';

/** `YYYY-MM`. */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A month's report: every section's part, in order, each with its section id. */
export interface Report {
  month: string;
  parts: (ReportPart & { section: string })[];
}

/**
 * Builds the report for `month` from live data. A section that throws is logged and
 * shown as failed: one broken feature does not keep the report from the committee.
 */
export async function buildReport(
  ctx: BotContext,
  month: string,
  sections: readonly ReportSection[] = reportSections(),
): Promise<Report> {
  const parts = await Promise.all(
    sections.map(async (s) => {
      try {
        return { ...(await s.build(ctx, month)), section: s.id };
      } catch (err) {
        ctx.log.error({ err, section: s.id, month }, 'report: section failed');
        return {
          section: s.id,
          title: ctx.t('report.failed.title', { id: s.id }),
          elements: [markdown(escapeMarkdown(ctx.t('report.failed')))],
          facts: { failed: 1 },
        };
      }
    }),
  );
  return { month, parts };
}

/** The record of a report sent to the League committee (`report:<YYYY-MM>`). */
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

function parseRecord(raw: string | null | undefined): ReportRecord | undefined {
  if (raw == null) return undefined;
  return ReportRecordSchema.parse(JSON.parse(raw));
}

/** The month's record when its report was sent. */
export async function readReportRecord(ctx: BotContext, month: string): Promise<ReportRecord | undefined> {
  return parseRecord(await ctx.store.get(ctx.keys.report(month)));
}

export type SendOutcome = { outcome: 'sent' | 'already'; record: ReportRecord };

/** Thrown inside the plan: the commit is dropped, and with it the card buffered for the committee. */
class AlreadySent extends Error {
  constructor(readonly record: ReportRecord) {
    super('report already sent');
  }
}

/**
 * Sends the month's report to the League committee once. The record and the card
 * commit together: if someone sent it first (another click, another replica), nothing
 * is written or sent and their record comes back. A redelivered update replays its result.
 */
export async function sendReport(ctx: BotContext, month: string, report?: Report): Promise<SendOutcome> {
  const key = ctx.keys.report(month);
  const built = report ?? (await buildReport(ctx, month));
  const record: ReportRecord = {
    v: 1,
    month,
    sentAt: ctx.now().toISOString(),
    sentBy: { openId: ctx.actor.openId, ...(ctx.actor.name ? { name: ctx.actor.name } : {}) },
    facts: Object.fromEntries(built.parts.map((p) => [p.section, p.facts])),
  };
  const card = reportCard(reportCardModel(ctx, built, { record }), ctx.t);
  const targets = ctx.sendToPeople(ctx.org.leagueCommittee, cardContent(card), {
    chatId: ctx.org.chats.leagueCommittee,
  });
  if (targets === 0) throw new UserError('report.noCommittee');
  try {
    return await ctx.transact<SendOutcome>({
      watch: [key],
      plan: (snapshot) => {
        const existing = parseRecord(snapshot.values.get(key));
        if (existing) throw new AlreadySent(existing);
        return {
          writes: [{ op: 'set', key, value: JSON.stringify(record) }],
          result: { outcome: 'sent', record },
        };
      },
    });
  } catch (err) {
    if (err instanceof AlreadySent) return { outcome: 'already', record: err.record };
    throw err;
  }
}

/** The card's model for a report, with or without its record. */
export function reportCardModel(
  ctx: BotContext,
  report: Report,
  opts: { record?: ReportRecord; canSend?: boolean; overdue?: boolean; rebuilt?: boolean },
): ReportCardModel {
  const { record } = opts;
  return {
    university: ctx.org.university,
    month: report.month,
    parts: report.parts,
    ...(record ? { sent: sentBy(ctx, record), rebuilt: opts.rebuilt ?? false } : {}),
    canSend: !record && (opts.canSend ?? false),
    overdue: opts.overdue ?? false,
  };
}

/** Who sent the report and when, for display. */
export function sentBy(ctx: BotContext, record: ReportRecord): { at: string; by: string } {
  const by =
    record.sentBy.name ??
    ctx.directory.people().find((p) => p.openId === record.sentBy.openId)?.name ??
    record.sentBy.openId;
  const at = DateTime.fromISO(record.sentAt).setZone(ctx.org.timezone).toFormat('yyyy-MM-dd HH:mm');
  return { at, by };
}

/** This month in the org's time zone. */
export function currentMonth(ctx: BotContext): string {
  return monthOf(ctx.now(), ctx.org.timezone);
}
