import type { PendingSource } from '../../bot/command.ts';
import { applicationCardValue } from '../../cards/recruitment/pending-card.ts';
import { stageLabel } from '../../cards/recruitment/trail.ts';
import { collegeName } from '../../domain/org-names.ts';
import { daysWaiting, deciderOf, isApprover } from '../../domain/recruitment.ts';

/** Applications in review whose current stage this person may decide (their college, their role). */
export const applicationsWaitingOn: PendingSource = async (ctx, actor) => {
  const { org, t } = ctx;
  const apps = await ctx.repos.recruitment.inReview();
  const now = ctx.now();
  return apps
    .filter((app) => {
      const stage = org.recruitment.stages[app.stage];
      return (
        app.state === 'review' &&
        stage !== undefined &&
        app.applicant.openId !== actor.openId &&
        isApprover(actor, deciderOf(app, stage), app.applicant.college)
      );
    })
    .map((app) => ({
      id: app.id,
      since: app.stageSince,
      open: applicationCardValue(app.id),
      line: t('pending.application', {
        id: app.id,
        name: app.applicant.name,
        college: collegeName(org, app.applicant.college),
        stage: stageLabel(app, org, t),
        days: daysWaiting(app.stageSince, now),
      }),
    }));
};
