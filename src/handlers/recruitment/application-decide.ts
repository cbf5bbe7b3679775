import { z } from 'zod';
import { defineAction } from '../../bot/command.ts';
import type { BotContext } from '../../bot/context.ts';
import type { CardActionResponse } from '../../bot/envelope.ts';
import { UserError } from '../../bot/errors.ts';
import { approvalTrack, decidedCard, stageDecision } from '../../cards/recruitment/approval-card.ts';
import { stageName as nameOfStage, trailLine } from '../../cards/recruitment/trail.ts';
import { departmentName } from '../../domain/org-names.ts';
import { type Application, type Decision, deciderOf, isApprover } from '../../domain/recruitment.ts';
import { localDateTime } from '../../lib/dates.ts';
import type { StageOutcome } from '../../store/repos/recruitment.ts';
import { postNotice } from './notice.ts';
import { notifyApplicant, notifyStage } from './notify.ts';

const DecideValue = z.object({
  a: z.literal('application.decide'),
  id: z.string().regex(/^R-\d{4}-\d{4,6}$/),
  stage: z.number().int().min(0).max(20),
  d: z.enum(['approve', 'reject']),
  v: z.literal(1),
});

const SCORE = /^\d{1,3}(\.\d{1,2})?$/;

/**
 * 同意 / 不同意 on an approval card. Nothing on the card is trusted: the application is
 * read again, the clicker must be an approver of that stage for the applicant's college
 * and not the applicant, and the decision is applied atomically (the panel's seat
 * included), so the first decision wins and every later click is told who decided.
 * The other copies of the card are updated; the clicked one is answered inline.
 */
export const applicationDecide = defineAction({
  name: 'application.decide',
  value: DecideValue,
  async run(ctx, value, input) {
    const { org, t } = ctx;
    const stages = org.recruitment.stages;
    const current = await ctx.repos.recruitment.get(value.id);
    const stage = stages[value.stage];
    if (!current || !stage) throw new UserError('review.missing', { id: value.id });
    // Before anything is shown: a decided card carries personal data, for approvers only.
    if (ctx.actor.openId === current.applicant.openId) throw new UserError('review.self');
    if (!isApprover(ctx.actor, deciderOf(current, stage), current.applicant.college))
      throw new UserError('review.notApprover');

    const form = input.formValue ?? {};
    const decision: Decision = { actor: ctx.actor, stage: value.stage, decision: value.d };
    const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
    const reason = text(value.d === 'reject' ? form.reason : form.comment);
    if (reason) decision.reason = reason.slice(0, 500);
    const live = current.state === 'review' && current.stage === value.stage;
    if (live && value.d === 'approve' && value.stage === stages.length - 1) {
      // Every bad field of the panel's form is named at once, not one per click.
      const written = score(form.written);
      const interview = score(form.interview);
      const department = text(form.department) || current.first;
      const badDepartment =
        department !== current.first && !(current.adjust && department === current.second);
      const problems = [
        ...(written === undefined ? [t('review.scoresRequired', { field: t('review.card.written') })] : []),
        ...(interview === undefined
          ? [t('review.scoresRequired', { field: t('review.card.interview') })]
          : []),
        ...(badDepartment ? [t('review.badDepartment')] : []),
      ];
      if (written === undefined || interview === undefined || badDepartment) {
        throw new UserError('review.formProblems', { problems: problems.join('') });
      }
      decision.scores = { written, interview };
      decision.department = department;
    }

    const outcome = await ctx.repos.recruitment.decide(ctx.uow, value.id, decision, ctx.now());
    if (!outcome.ok) return refused(ctx, value.id, value.stage, outcome);
    // The decision's consequences commit with it, in the same unit of work.
    const copies = await ctx.repos.cards.copies(approvalTrack(value.id, value.stage));
    tellEveryone(ctx, value.stage, outcome, copies, input.messageId);
    return decided(ctx, value.stage, outcome);
  },
});

/** A score from the form: 0–100, else a refusal naming the field. */
function score(raw: unknown): number | undefined {
  const s = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
  const n = Number(s);
  return !SCORE.test(s) || n > 100 ? undefined : n;
}

/**
 * The decision's consequences, buffered in the decision's unit of work: the applicant is
 * told, the next stage notified (or the notice posted), and every other copy updated.
 */
function tellEveryone(
  ctx: BotContext,
  stage: number,
  outcome: Extract<StageOutcome, { ok: true }>,
  copies: readonly string[],
  clicked: string | undefined,
): void {
  const { org, t } = ctx;
  const { app } = outcome;
  const stageName = nameOfStage(app, stage, org, t);
  if (outcome.event === 'advanced') {
    notifyApplicant(
      ctx,
      app,
      t('review.applicant.advanced', {
        id: app.id,
        stage: stageName,
        next: nameOfStage(app, app.stage, org, t),
      }),
    );
    notifyStage(ctx, app);
  } else if (outcome.event === 'rejected') {
    notifyApplicant(
      ctx,
      app,
      t('review.applicant.rejected', { id: app.id, stage: stageName, reason: lastReason(app) }),
    );
  } else {
    notifyApplicant(
      ctx,
      app,
      t('review.applicant.notice', {
        id: app.id,
        department: departmentName(org, app.department ?? app.first),
        written: app.scores?.written ?? '',
        interview: app.scores?.interview ?? '',
        until: app.noticeUntil ? localDateTime(app.noticeUntil, org.timezone) : '',
      }),
    );
    postNotice(ctx, app);
  }
  const card = decidedCard(app, org, stage, t);
  for (const messageId of copies) if (messageId !== clicked) ctx.patchCard(messageId, card);
}

/** The clicker's answer: a toast and the decided card (also when replayed from the journal). */
function decided(
  ctx: BotContext,
  stage: number,
  outcome: Extract<StageOutcome, { ok: true }>,
): CardActionResponse {
  const { org, t } = ctx;
  const { app } = outcome;
  const toast =
    outcome.event === 'advanced'
      ? t('review.done.approved')
      : outcome.event === 'rejected'
        ? t('review.done.rejected')
        : t('review.done.notice', { department: departmentName(org, app.department ?? app.first) });
  const card = decidedCard(app, org, stage, t);
  return { toast: { type: 'success', content: toast }, card: { type: 'raw', data: { ...card } } };
}

function lastReason(app: Application): string {
  return [...app.trail].reverse().find((e) => e.action === 'rejected')?.reason ?? '';
}

/** Nothing changed: say why. A stale click is answered with the decided card. */
async function refused(
  ctx: BotContext,
  id: string,
  stage: number,
  outcome: Exclude<StageOutcome, { ok: true }>,
): Promise<CardActionResponse> {
  const { org, t } = ctx;
  switch (outcome.why) {
    case 'stale': {
      const app = await ctx.repos.recruitment.get(id);
      const entry = (app && stageDecision(app, org, stage)) ?? outcome.last;
      const line = entry ? trailLine(entry, org, t, () => undefined) : t('appState.review');
      return {
        toast: { type: 'warning', content: t('review.stale', { line }) },
        ...(app ? { card: { type: 'raw' as const, data: { ...decidedCard(app, org, stage, t) } } } : {}),
      };
    }
    case 'full': {
      const full =
        outcome.full === 'department'
          ? t('review.full.department', {
              department: departmentName(org, outcome.department),
              count: outcome.count,
              cap: outcome.cap,
            })
          : t('review.full.union', { count: outcome.count, cap: outcome.cap });
      const app = await ctx.repos.recruitment.get(id);
      const hint =
        outcome.full === 'department' && app?.adjust && app.second && app.second !== outcome.department
          ? t('review.full.adjustHint', { second: departmentName(org, app.second) })
          : '';
      return { toast: { type: 'error', content: full + hint } };
    }
    case 'self':
      throw new UserError('review.self');
    case 'not-approver':
      throw new UserError('review.notApprover');
    case 'reason-required':
      throw new UserError('review.reasonRequired');
    case 'scores-required':
      throw new UserError('review.scoresRequired', { field: ctx.t('review.card.written') });
    case 'bad-department':
      throw new UserError('review.badDepartment');
    case 'missing':
      throw new UserError('review.missing', { id });
  }
}
