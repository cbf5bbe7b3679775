import { stageLabel } from '../../cards/recruitment/trail.ts';
import type { PersonRef } from '../../config/org.ts';
import { collegeName } from '../../domain/org-names.ts';
import { type Application, approversOf, daysWaiting, deciderOf } from '../../domain/recruitment.ts';
import { joinList } from '../../i18n/index.ts';
import { textContent } from '../../messages/content.ts';
import type { Job, JobContext } from '../job.ts';

const DAY_MS = 24 * 3600_000;

/**
 * Every morning: approvers hear of the applications that have waited on them longer than
 * `recruitment.nudgeAfterDays` (one message each, listing theirs); applications waiting
 * longer than `escalateAfterDays` are also reported to the League committee, in one
 * message. Nothing waits: nobody is disturbed. A second run of the same day sends nothing.
 */
export const approvalNudge: Job = {
  name: 'approval-nudge',
  cron: '0 9 * * *',
  summary: 'job.approval-nudge',
  period: 'day',
  reminder: true,
  catchUp: true,
  async run(ctx) {
    const { org, t } = ctx;
    const { nudgeAfterDays, escalateAfterDays } = org.recruitment;
    const now = ctx.now();
    const waiting = (await ctx.repos.recruitment.inReview())
      .filter((a) => now.getTime() - Date.parse(a.stageSince) > nudgeAfterDays * DAY_MS)
      .sort((a, b) => a.stageSince.localeCompare(b.stageSince) || a.id.localeCompare(b.id));
    if (waiting.length === 0) return;

    const byApprover = new Map<string, Application[]>();
    for (const app of waiting) {
      for (const id of approverIds(ctx, app)) byApprover.set(id, [...(byApprover.get(id) ?? []), app]);
    }
    for (const [openId, apps] of [...byApprover].sort(([a], [b]) => a.localeCompare(b))) {
      const lines = [
        t('nudge.approver', { days: nudgeAfterDays }),
        ...apps.map((app) => t('nudge.line', fields(ctx, app, now))),
        t('nudge.approverHint'),
      ];
      ctx.sendText({ type: 'open_id', id: openId }, lines.join('\n'));
    }

    const overdue = waiting.filter(
      (a) => now.getTime() - Date.parse(a.stageSince) > escalateAfterDays * DAY_MS,
    );
    if (overdue.length > 0) {
      const lines = [
        t('nudge.escalate', { days: escalateAfterDays }),
        ...overdue.map((app) =>
          t('nudge.escalateLine', { ...fields(ctx, app, now), approvers: approverNames(ctx, app) }),
        ),
      ];
      ctx.sendToPeople(org.leagueCommittee, textContent(lines.join('\n')), {
        chatId: org.chats.leagueCommittee,
      });
    }
  },
};

function stageRefs(ctx: JobContext, app: Application): readonly PersonRef[] {
  const stage = ctx.org.recruitment.stages[app.stage];
  return stage ? approversOf(ctx.org, deciderOf(app, stage), app.applicant.college) : [];
}

function approverIds(ctx: JobContext, app: Application): string[] {
  return ctx.directory.openIds(stageRefs(ctx, app)).filter((id) => id !== app.applicant.openId);
}

function approverNames(ctx: JobContext, app: Application): string {
  // The applicant is never named as the one who decides their own application.
  const names = stageRefs(ctx, app)
    .filter((r) => !ctx.directory.openIds([r]).includes(app.applicant.openId))
    .map((r) => r.name ?? r.value);
  return names.length > 0 ? joinList(ctx.locale, names) : ctx.t('nudge.nobody');
}

function fields(ctx: JobContext, app: Application, now: Date) {
  return {
    id: app.id,
    name: app.applicant.name,
    college: collegeName(ctx.org, app.applicant.college),
    stage: stageLabel(app, ctx.org, ctx.t),
    days: daysWaiting(app.stageSince, now),
  };
}
