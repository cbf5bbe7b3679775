import type { Command } from '../../bot/command.ts';
import { UserError } from '../../bot/errors.ts';
import { RESIGN_REASON_MAX, resignConfirmCard } from '../../cards/recruitment/resign-card.ts';
import type { Department } from '../../config/org.ts';
import { findDepartment } from '../../domain/org-names.ts';
import { hasRole } from '../../domain/roles.ts';
import { joinList } from '../../i18n/index.ts';
import { seatedDepartments } from './members.ts';

/**
 * `/resign [department] [reason]` (`/辞职`): a member leaves a department. Nothing happens
 * until they confirm on the card (with an optional reason); then the seat is freed and the
 * department's heads and the presidium are told (`membership.resign`).
 */
export const resign: Command = {
  name: 'resign',
  aliases: ['辞职'],
  section: 'recruitment',
  summary: 'cmd.resign.summary',
  usage: 'cmd.resign.usage',
  examples: 'cmd.resign.examples',
  allowed: (actor) => hasRole(actor, 'member'),
  liveRoles: true,
  // The confirmation card asks for a reason: a direct conversation.
  private: true,
  async run(ctx, command) {
    const { actor } = ctx;
    const held = await seatedDepartments(ctx, actor.openId);
    const list = joinList(
      ctx.locale,
      held.map((d) => d.name),
    );
    if (held.length === 0) throw new UserError('resign.notMember');
    const [first = '', ...others] = command.args;
    const named = first ? findDepartment(held, first) : undefined;
    // A department they do not hold is a mistake, not the first word of a reason.
    if (!named && first && findDepartment(ctx.org.departments, first))
      throw new UserError('resign.unknownDepartment', { department: first, departments: list });
    let department: Department | undefined = named;
    if (!department) {
      if (held.length > 1) throw new UserError('resign.which', { departments: list });
      department = held[0];
    }
    if (!department) throw new UserError('resign.notMember');
    const reason = (named ? others.join(' ') : command.rest).trim();
    if ([...reason].length > RESIGN_REASON_MAX)
      throw new UserError('remove.reasonLength', { max: RESIGN_REASON_MAX });
    ctx.replyCard(
      resignConfirmCard(
        { department: department.id, departmentName: department.name, ...(reason ? { reason } : {}) },
        ctx.t,
      ),
    );
  },
};
