import type { Command } from '../../bot/command.ts';
import type { BotContext } from '../../bot/context.ts';
import {
  applicationFormCard,
  choicesText,
  departmentName,
} from '../../cards/recruitment/application-form.ts';
import { stageLabel } from '../../cards/recruitment/trail.ts';
import type { Application } from '../../domain/recruitment.ts';
import { findDepartment } from '../../domain/recruitment-window.ts';
import { joinList } from '../../i18n/index.ts';
import { membershipOf, openApplicationOf } from '../../store/repos/recruitment.ts';
import { recruitmentWindows } from '../../store/repos/recruitment-windows.ts';

/**
 * `/apply [department]`: sends the application form in p2p (source document 二(三)1).
 * Someone who already holds a seat or has an open application is told so instead, and
 * so is everyone while no department recruits.
 */
export const apply: Command = {
  name: 'apply',
  aliases: ['申请', '加入'],
  section: 'recruitment',
  summary: 'cmd.apply.summary',
  usage: 'cmd.apply.usage',
  examples: 'cmd.apply.examples',
  private: true,
  async run(ctx, command) {
    // Replies rather than UserErrors: in a group the brief note there must still go out.
    const refusal = await applyRefusal(ctx);
    if (refusal) return ctx.reply(refusal);
    const windows = await recruitmentWindows(ctx.store, ctx.keys, ctx.org, ctx.now());
    const recruiting = windows.filter((w) => w.state.recruiting);
    if (recruiting.length === 0) return ctx.reply(ctx.t('apply.noneRecruiting'));
    const asked = command.rest.trim();
    const named = asked ? findDepartment(ctx.org, asked) : undefined;
    const preselect = named && recruiting.some((w) => w.id === named.id) ? named.id : undefined;
    const list = joinList(
      ctx.locale,
      recruiting.map((w) => w.name),
    );
    const note = !asked
      ? undefined
      : !named
        ? ctx.t('apply.form.unknownDepartment', { name: asked, departments: list })
        : !preselect
          ? ctx.t('apply.form.notRecruiting', { department: named.name, departments: list })
          : undefined;
    ctx.replyCard(
      applicationFormCard(
        {
          colleges: ctx.org.colleges,
          departments: recruiting.map((w) => ({
            id: w.id,
            name: w.name,
            ...(w.state.until ? { until: w.state.until } : {}),
          })),
          ...(preselect ? { preselect } : {}),
          ...(note ? { note } : {}),
          ...(ctx.actor.name ? { name: ctx.actor.name } : {}),
          chain: ctx.org.recruitment.stages.map((s) => ctx.t(`stage.${s.approvers}`)),
          noticeDays: ctx.org.recruitment.noticeDays,
        },
        ctx.t,
      ),
    );
  },
};

/** Why this person may not apply now (a seat holder, or an application open), if so. */
export async function applyRefusal(ctx: BotContext): Promise<string | undefined> {
  const member = await memberText(ctx);
  if (member) return member;
  const open = await openApplicationOf(ctx.store, ctx.keys, ctx.actor.openId);
  return open ? alreadyOpenText(ctx, open) : undefined;
}

/** `你已是学生会成员（学术部）…` for someone holding a seat, else undefined. */
export async function memberText(ctx: BotContext): Promise<string | undefined> {
  const { store, keys, actor } = ctx;
  const [membership, union] = await Promise.all([
    membershipOf(store, keys, actor.openId),
    store.smembers(keys.seatsUnion),
  ]);
  const departments = [...new Set([...membership.departments, ...actor.departments])];
  const presidium = actor.roles.has('presidium');
  if (departments.length === 0 && !presidium && !union.includes(actor.openId)) return undefined;
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
