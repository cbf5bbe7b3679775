import { z } from 'zod';
import { defineAction } from '../../bot/command.ts';
import { UserError } from '../../bot/errors.ts';
import { RESIGN_REASON_MAX, resignedCard } from '../../cards/recruitment/resign-card.ts';
import { leave, namesFor, seatedDepartments, tellHeads } from './members.ts';

/**
 * "确认辞职" on the `/resign` card: checked again (the clicker must still hold the seat),
 * then the seat, the membership and the exit log in one step, with the department's heads
 * and the presidium told, the reason included when one was given.
 */
export const resignConfirm = defineAction({
  name: 'membership.resign',
  value: z.object({ a: z.literal('membership.resign'), d: z.string().min(1).max(64), v: z.literal(1) }),
  liveRoles: true,
  async run(ctx, value, input) {
    const { actor } = ctx;
    const department = (await seatedDepartments(ctx, actor.openId)).find((d) => d.id === value.d);
    if (!department) throw new UserError('resign.notMember');
    const raw = input.formValue?.reason;
    const reason = typeof raw === 'string' ? raw.trim() : '';
    if ([...reason].length > RESIGN_REASON_MAX)
      throw new UserError('remove.reasonLength', { max: RESIGN_REASON_MAX });
    const outcome = await leave(ctx, {
      openId: actor.openId,
      department: department.id,
      action: 'resigned',
      ...(reason ? { reason } : {}),
    });
    if (!outcome.ok) throw new UserError('resign.notMember');
    const name = actor.name ?? (await namesFor(ctx, [actor.openId])).get(actor.openId) ?? actor.openId;
    const told = ctx.t('resign.heads', {
      name,
      department: department.name,
      count: outcome.count,
      cap: outcome.cap,
    });
    const text = reason ? `${told}\n${ctx.t('resign.reason', { reason })}` : told;
    tellHeads(ctx, department.id, text, actor.openId);
    const heads = new Set(ctx.directory.openIds(department.heads));
    for (const id of ctx.directory.openIds(ctx.org.presidium)) {
      if (id !== actor.openId && !heads.has(id)) ctx.sendText({ type: 'open_id', id }, text);
    }
    return {
      toast: { type: 'success', content: ctx.t('resign.done', { department: department.name }) },
      card: { type: 'raw', data: { ...resignedCard({ departmentName: department.name }, ctx.t) } },
    };
  },
});
