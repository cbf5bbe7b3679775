import type { BotContext, WorkContext } from '../bot/context.ts';
import { UserError } from '../bot/errors.ts';
import { markdown } from '../cards/card.ts';
import { escapeMarkdown } from '../cards/escape.ts';
import { type ReportCardModel, reportCard } from '../cards/report/report-card.ts';
import { localDateTime, monthOf } from '../lib/dates.ts';
import { cardContent } from '../messages/content.ts';
import type { ReportRecord, SentOutcome } from '../store/repos/report.ts';
import type { ReportPart, ReportSection } from './section.ts';
import { reportSections } from './sections.ts';

export { MONTH } from '../store/repos/report.ts';

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
  ctx: WorkContext,
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

export type { ReportRecord } from '../store/repos/report.ts';

/**
 * Sends the month's report to the League committee once. The record and the card commit
 * together: if someone sent it first (another click, another replica), nothing is written
 * or sent and their record comes back.
 */
export async function sendReport(ctx: BotContext, month: string, report?: Report): Promise<SentOutcome> {
  const { org } = ctx;
  if (!org.chats.leagueCommittee && ctx.directory.openIds(org.leagueCommittee).length === 0)
    throw new UserError('report.noCommittee');
  const built = report ?? (await buildReport(ctx, month));
  const sent = await ctx.repos.report.markSent(ctx.uow, {
    v: 1,
    month,
    sentAt: ctx.now().toISOString(),
    sentBy: { openId: ctx.actor.openId, ...(ctx.actor.name ? { name: ctx.actor.name } : {}) },
    facts: Object.fromEntries(built.parts.map((p) => [p.section, p.facts])),
  });
  if (sent.outcome === 'sent') {
    const card = reportCard(reportCardModel(ctx, built, { record: sent.record }), ctx.t);
    ctx.sendToPeople(org.leagueCommittee, cardContent(card), { chatId: org.chats.leagueCommittee });
  }
  return sent;
}

/** The card's model for a report, with or without its record. */
export function reportCardModel(
  ctx: WorkContext,
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
export function sentBy(ctx: WorkContext, record: ReportRecord): { at: string; by: string } {
  const by = record.sentBy.name ?? ctx.directory.nameOf(record.sentBy.openId) ?? record.sentBy.openId;
  return { at: localDateTime(record.sentAt, ctx.org.timezone), by };
}

/** This month in the org's time zone. */
export function currentMonth(ctx: WorkContext): string {
  return monthOf(ctx.now(), ctx.org.timezone);
}
