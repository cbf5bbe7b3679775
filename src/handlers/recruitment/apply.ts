import type { Command } from '../../bot/command.ts';
import { applicationFormCard } from '../../cards/recruitment/application-form.ts';
import { findDepartment } from '../../domain/org-names.ts';
import { isStaff } from '../../domain/roles.ts';
import { joinList } from '../../i18n/index.ts';
import { applyRefusal } from './applicant-checks.ts';

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
  // For students: teachers and advisors decide applications, they do not file them.
  allowed: (actor) => !isStaff(actor),
  examples: 'cmd.apply.examples',
  private: true,
  liveRoles: true,
  async run(ctx, command) {
    // Replies rather than UserErrors: in a group the brief note there must still go out.
    const refusal = await applyRefusal(ctx);
    if (refusal) return ctx.reply(refusal);
    const windows = await ctx.repos.recruitment.windows(ctx.now());
    const recruiting = windows.filter((w) => w.state.recruiting);
    if (recruiting.length === 0) return ctx.reply(ctx.t('apply.noneRecruiting'));
    const asked = command.rest.trim();
    const named = asked ? findDepartment(ctx.org.departments, asked) : undefined;
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
