import type { WorkContext } from '../../bot/context.ts';
import { approvalCard, approvalTrack } from '../../cards/recruitment/approval-card.ts';
import { type Application, approversOf, deciderOf } from '../../domain/recruitment.ts';
import { cardContent } from '../../messages/content.ts';

/**
 * Sends the approval card to every approver of the application's current stage. Each
 * copy is tracked (`sent:app:<id>:<stage>`), so the first decision can update them all.
 * The applicant never gets a card for their own application, even when they hold the
 * approving role. An application no longer in review notifies nobody.
 */
export function notifyStage(ctx: WorkContext, app: Application): void {
  const stage = ctx.org.recruitment.stages[app.stage];
  if (!stage || app.state !== 'review') return;
  const approvers = ctx.directory
    .openIds(approversOf(ctx.org, deciderOf(app, stage), app.applicant.college))
    .filter((id) => id !== app.applicant.openId);
  if (approvers.length === 0) {
    ctx.log.warn({ app: app.id, stage: stage.id }, 'review: nobody to approve this stage');
    return;
  }
  const content = cardContent(approvalCard(app, ctx.org, ctx.t));
  for (const id of approvers) ctx.send({ type: 'open_id', id }, content, approvalTrack(app.id, app.stage));
}

/** Tells the applicant, in a direct message, about a step of their application. */
export function notifyApplicant(ctx: WorkContext, app: Application, text: string): void {
  ctx.sendText({ type: 'open_id', id: app.applicant.openId }, text);
}
