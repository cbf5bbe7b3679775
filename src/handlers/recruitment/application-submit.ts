import { z } from 'zod';
import { defineAction } from '../../bot/command.ts';
import type { BotContext } from '../../bot/context.ts';
import { UserError } from '../../bot/errors.ts';
import { applicationSubmittedCard } from '../../cards/recruitment/application-form.ts';
import {
  type ApplicationFieldProblem,
  CLASS_MAX,
  isEligible,
  NAME_MAX,
  REASON_MAX,
  validateApplicationForm,
} from '../../domain/application-form.ts';
import { departmentName } from '../../domain/org-names.ts';
import { planDeciders } from '../../domain/recruitment.ts';
import { joinList } from '../../i18n/index.ts';
import { alreadyOpenText, memberText } from './applicant-checks.ts';
import { notifyStage } from './notify.ts';

/**
 * The application form's submit button. Nothing in the card is trusted: every field is
 * checked again, and so are eligibility, the recruitment window, an open application and
 * membership. The store's step makes "one open application per student" hold under any
 * concurrency; the first stage's approvers are told in the same commit.
 */
export const applicationSubmit = defineAction({
  name: 'application.submit',
  value: z.object({ a: z.literal('application.submit'), v: z.literal(1) }),
  liveRoles: true,
  async run(ctx, _value, input) {
    const checked = validateApplicationForm(input.formValue ?? {}, ctx.org);
    if (!checked.ok) {
      throw new UserError('apply.invalid', { problems: problemsText(ctx, checked.problems) });
    }
    const { draft } = checked;
    if (!isEligible(ctx.org, draft.political)) {
      throw new UserError('apply.notEligible', {
        status: draft.political,
        eligible: joinList(ctx.locale, ctx.org.recruitment.eligible),
      });
    }
    const windows = await ctx.repos.recruitment.windows(ctx.now());
    for (const choice of [draft.first, draft.second]) {
      if (choice && !windows.find((w) => w.id === choice)?.state.recruiting) {
        throw new UserError('apply.notRecruiting', { department: departmentName(ctx.org, choice) });
      }
    }
    const member = await memberText(ctx);
    if (member) throw new UserError('apply.refused', { why: member });
    await refuseIfOpen(ctx);

    const deciders = planDeciders(ctx.org, ctx.actor, draft.college);
    const outcome = await ctx.repos.recruitment.submit(
      ctx.uow,
      {
        applicant: {
          openId: ctx.actor.openId,
          name: draft.name,
          studentNo: draft.studentNo,
          college: draft.college,
          className: draft.className,
          political: draft.political,
          phone: draft.phone,
        },
        first: draft.first,
        ...(draft.second ? { second: draft.second } : {}),
        adjust: draft.adjust,
        reason: draft.reason,
        objections: [],
        // A stage only the applicant could decide goes to its fallback, said on the card.
        ...(deciders ? { deciders } : {}),
      },
      ctx.now(),
    );
    if (!outcome.ok && outcome.why === 'student-number') {
      throw new UserError('apply.studentNumberTaken', { number: draft.studentNo });
    }
    if (!outcome.ok && outcome.why === 'closed') {
      throw new UserError('apply.notRecruiting', { department: departmentName(ctx.org, outcome.department) });
    }
    if (!outcome.ok) {
      // Someone (another click of the same form) got there first.
      if (outcome.why === 'open') await refuseIfOpen(ctx);
      throw new UserError('apply.refused', { why: (await memberText(ctx)) ?? ctx.t('apply.memberPlain') });
    }
    const { app } = outcome;
    // The first stage's approvers get their cards in the same unit of work as the submission.
    notifyStage(ctx, app);
    return {
      toast: { type: 'success', content: ctx.t('apply.submitted.toast', { id: app.id }) },
      card: { type: 'raw', data: { ...applicationSubmittedCard(app, ctx.org, ctx.t) } },
    };
  },
});

async function refuseIfOpen(ctx: BotContext): Promise<void> {
  const open = await ctx.repos.recruitment.openOf(ctx.actor.openId);
  if (open) throw new UserError('apply.refused', { why: alreadyOpenText(ctx, open) });
}

const LIMITS = { name: NAME_MAX, className: CLASS_MAX, reason: REASON_MAX } as Record<string, number>;

/** `姓名：请填写；学号：格式不对…`, every bad field named. */
function problemsText(ctx: BotContext, problems: readonly ApplicationFieldProblem[]): string {
  return problems
    .map((p) =>
      ctx.t('apply.problem.item', {
        field: ctx.t(`apply.field.${p.field}`),
        problem: ctx.t(`apply.problem.${p.problem}`, {
          max: LIMITS[p.field] ?? 0,
          hint: ctx.org.recruitment.studentNumberHint,
        }),
      }),
    )
    .join(ctx.locale === 'zh-CN' ? '；' : '; ');
}
