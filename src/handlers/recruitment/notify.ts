import type { BotContext } from '../../bot/context.ts';
import { textContent } from '../../bot/messages.ts';
import { type Application, approversOf } from '../../domain/recruitment.ts';

/**
 * Tells the approvers of the application's current stage that it waits for them.
 * (Scaffold: the review feature replaces the text with the approval card.)
 */
export function notifyStage(ctx: BotContext, app: Application): void {
  const stage = ctx.org.recruitment.stages[app.stage];
  if (!stage || app.state !== 'review') return;
  ctx.sendToPeople(approversOf(ctx.org, stage.approvers, app.applicant.college), textContent(`${app.id}`));
}
