import { z } from 'zod';
import { defineAction } from '../../bot/command.ts';
import { UserError } from '../../bot/errors.ts';
import { REMOVE_REASON_MAX, removedCard } from '../../cards/recruitment/remove-card.ts';
import { hasRole } from '../../domain/roles.ts';
import { leave, namesFor, seatedDepartments, tellHeads } from './members.ts';

/**
 * "确认免职" on the `/remove` card. Nothing on the card is trusted: the clicker must be in
 * the presidium, the member must still hold the seat, and the reason (from the form) is
 * required. Then the seat, the membership and the exit log in one step; the member and the
 * department's heads are told the reason. A second click finds the seat gone.
 */
export const removeConfirm = defineAction({
  name: 'membership.remove',
  value: z.object({
    a: z.literal('membership.remove'),
    o: z.string().regex(/^ou_[0-9A-Za-z_-]+$/),
    d: z.string().min(1).max(64),
    v: z.literal(1),
  }),
  async run(ctx, value, input) {
    if (!hasRole(ctx.actor, 'presidium')) throw new UserError('remove.presidiumOnly');
    const name = (await namesFor(ctx, [value.o])).get(value.o) ?? value.o;
    const department = (await seatedDepartments(ctx, value.o)).find((d) => d.id === value.d);
    if (!department) throw new UserError('remove.notMember', { name });
    const raw = input.formValue?.reason;
    const reason = typeof raw === 'string' ? raw.trim() : '';
    if (!reason) throw new UserError('remove.noReason', { who: name });
    if ([...reason].length > REMOVE_REASON_MAX)
      throw new UserError('remove.reasonLength', { max: REMOVE_REASON_MAX });
    const outcome = await leave(ctx, {
      openId: value.o,
      department: department.id,
      action: 'removed',
      reason,
    });
    if (!outcome.ok) throw new UserError('remove.notMember', { name });
    ctx.sendText(
      { type: 'open_id', id: value.o },
      ctx.t('remove.member', { department: department.name, reason }),
    );
    const counts = { name, department: department.name, count: outcome.count, cap: outcome.cap };
    tellHeads(ctx, department.id, ctx.t('remove.heads', { ...counts, reason }), value.o);
    return {
      toast: { type: 'success', content: ctx.t('remove.done', counts) },
      card: {
        type: 'raw',
        data: { ...removedCard({ name, departmentName: department.name, reason }, ctx.t) },
      },
    };
  },
});
