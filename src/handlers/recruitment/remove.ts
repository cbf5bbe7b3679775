import type { Command } from '../../bot/command.ts';
import { UserError } from '../../bot/errors.ts';
import type { Department } from '../../config/org.ts';
import { findDepartment } from '../../domain/org-names.ts';
import { hasRole } from '../../domain/roles.ts';
import { joinList } from '../../i18n/index.ts';
import { leave, namesFor, seatedDepartments, tellHeads } from './members.ts';

export const REMOVE_REASON_MAX = 300;

/**
 * `/remove @member [department] <reason>` (`/免职`): the presidium removes a member
 * (source document 四4: 建立健全学生干部退出机制); the seat is freed, the exit logged,
 * and the member and the department's heads are told the reason.
 */
export const remove: Command = {
  name: 'remove',
  aliases: ['免职'],
  section: 'recruitment',
  summary: 'cmd.remove.summary',
  usage: 'cmd.remove.usage',
  examples: 'cmd.remove.examples',
  allowed: (actor) => hasRole(actor, 'presidium'),
  private: false,
  async run(ctx, command) {
    const [target] = command.mentions;
    if (!target) throw new UserError('remove.noMention');
    const known = (await namesFor(ctx, [target.openId])).get(target.openId);
    const name = known && known !== target.openId ? known : (target.name ?? target.openId);
    const held = await seatedDepartments(ctx, target.openId);
    if (held.length === 0) throw new UserError('remove.notMember', { name });
    const [first = '', ...others] = command.args;
    const named = findDepartment(held, first);
    const reason = (named ? others.join(' ') : command.rest).trim();
    if (!reason) throw new UserError('remove.noReason');
    if ([...reason].length > REMOVE_REASON_MAX)
      throw new UserError('remove.reasonLength', { max: REMOVE_REASON_MAX });
    let department: Department | undefined = named;
    if (!department) {
      if (held.length > 1)
        throw new UserError('remove.which', {
          name,
          departments: joinList(
            ctx.locale,
            held.map((d) => d.name),
          ),
        });
      department = held[0];
    }
    if (!department) throw new UserError('remove.notMember', { name });

    const outcome = await leave(ctx, {
      openId: target.openId,
      department: department.id,
      action: 'removed',
      reason,
    });
    if (!outcome.ok) throw new UserError('remove.notMember', { name });
    ctx.sendText(
      { type: 'open_id', id: target.openId },
      ctx.t('remove.member', { department: department.name, reason }),
    );
    tellHeads(
      ctx,
      department.id,
      ctx.t('remove.heads', {
        name,
        department: department.name,
        reason,
        count: outcome.count,
        cap: outcome.cap,
      }),
      target.openId,
    );
    ctx.reply(
      ctx.t('remove.done', { name, department: department.name, count: outcome.count, cap: outcome.cap }),
    );
  },
};
