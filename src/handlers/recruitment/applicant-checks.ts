import type { BotContext } from '../../bot/context.ts';
import { choicesText } from '../../cards/recruitment/application-form.ts';
import { stageLabel } from '../../cards/recruitment/trail.ts';
import { departmentName } from '../../domain/org-names.ts';
import type { Application } from '../../domain/recruitment.ts';
import { joinList } from '../../i18n/index.ts';

/** Why this person may not apply now (a seat holder, or an application open), if so. */
export async function applyRefusal(ctx: BotContext): Promise<string | undefined> {
  const member = await memberText(ctx);
  if (member) return member;
  const open = await ctx.repos.recruitment.openOf(ctx.actor.openId);
  return open ? alreadyOpenText(ctx, open) : undefined;
}

/** `你已是学生会成员（学术部）…` for someone holding a seat, else undefined. */
export async function memberText(ctx: BotContext): Promise<string | undefined> {
  const { actor } = ctx;
  const [membership, seated] = await Promise.all([
    ctx.repos.membership.of(actor.openId),
    ctx.repos.membership.holdsSeat(actor.openId),
  ]);
  const departments = [...new Set([...membership.departments, ...actor.departments])];
  const presidium = actor.roles.has('presidium');
  if (departments.length === 0 && !presidium && !seated) return undefined;
  const units = [
    ...(presidium ? [ctx.t('role.presidium')] : []),
    ...departments.map((d) => departmentName(ctx.org, d)),
  ];
  return ctx.t('apply.member', { units: joinList(ctx.locale, units.length ? units : [ctx.org.university]) });
}

/** `你已有一份申请在进行中：R-2026-0001（学术部，院系团组织推荐）…`. */
export function alreadyOpenText(ctx: BotContext, app: Application): string {
  return ctx.t('apply.alreadyOpen', {
    id: app.id,
    department: choicesText(app, ctx.org, ctx.t),
    where: stageLabel(app, ctx.org, ctx.t),
  });
}
