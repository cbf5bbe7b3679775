import type { Command } from '../../bot/command.ts';
import { UserError } from '../../bot/errors.ts';
import type { Department } from '../../config/org.ts';
import { findDepartment } from '../../domain/org-names.ts';
import { hasRole } from '../../domain/roles.ts';
import { joinList } from '../../i18n/index.ts';
import { leave, namesFor, seatedDepartments, tellHeads } from './members.ts';

/** `/resign [department]` (`/辞职`): a member leaves a department; the seat is freed. */
export const resign: Command = {
  name: 'resign',
  aliases: ['辞职'],
  section: 'recruitment',
  summary: 'cmd.resign.summary',
  usage: 'cmd.resign.usage',
  examples: 'cmd.resign.examples',
  allowed: (actor) => hasRole(actor, 'member'),
  liveRoles: true,
  async run(ctx, command) {
    const { actor } = ctx;
    const held = await seatedDepartments(ctx, actor.openId);
    const list = joinList(
      ctx.locale,
      held.map((d) => d.name),
    );
    if (held.length === 0) throw new UserError('resign.notMember');
    let department: Department | undefined;
    if (command.rest) {
      department = findDepartment(held, command.rest);
      if (!department)
        throw new UserError('resign.unknownDepartment', { department: command.rest, departments: list });
    } else if (held.length === 1) {
      department = held[0];
    } else {
      throw new UserError('resign.which', { departments: list });
    }
    if (!department) throw new UserError('resign.notMember');
    const outcome = await leave(ctx, {
      openId: actor.openId,
      department: department.id,
      action: 'resigned',
    });
    if (!outcome.ok) throw new UserError('resign.notMember');
    const name = actor.name ?? (await namesFor(ctx, [actor.openId])).get(actor.openId) ?? actor.openId;
    tellHeads(
      ctx,
      department.id,
      ctx.t('resign.heads', { name, department: department.name, count: outcome.count, cap: outcome.cap }),
      actor.openId,
    );
    ctx.reply(ctx.t('resign.done', { department: department.name }));
  },
};
