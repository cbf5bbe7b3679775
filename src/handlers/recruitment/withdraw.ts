import type { Command } from '../../bot/command.ts';
import { departmentName } from '../../domain/org-names.ts';
import { isStaff } from '../../domain/roles.ts';

/**
 * `/withdraw`: the applicant ends their open application (in review or in public
 * notice). A seat taken at the panel is given back in the same step.
 */
export const withdraw: Command = {
  name: 'withdraw',
  aliases: ['撤回'],
  section: 'recruitment',
  summary: 'cmd.withdraw.summary',
  usage: 'cmd.withdraw.usage',
  // For students: teachers and advisors decide applications, they do not file them.
  allowed: (actor) => !isStaff(actor),
  async run(ctx) {
    const open = await ctx.repos.recruitment.openOf(ctx.actor.openId);
    if (!open) return ctx.reply(ctx.t('withdraw.none'));
    const outcome = await ctx.repos.recruitment.close(
      ctx.uow,
      open.id,
      {
        at: ctx.now().toISOString(),
        by: ctx.actor.openId,
        name: ctx.actor.name ?? open.applicant.name,
        role: 'student',
        action: 'withdrawn',
      },
      'withdrawn',
    );
    if (!outcome.ok) return ctx.reply(ctx.t('withdraw.none'));
    const lines = [
      ctx.t('withdraw.done', { id: open.id, department: departmentName(ctx.org, open.first) }),
      ...(open.state === 'notice' && open.department
        ? [ctx.t('withdraw.seatFreed', { department: departmentName(ctx.org, open.department) })]
        : []),
      ctx.t('withdraw.again'),
    ];
    ctx.reply(lines.join('\n'));
  },
};
