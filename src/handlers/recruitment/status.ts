import type { Command } from '../../bot/command.ts';
import { departmentName, statusCard } from '../../cards/recruitment/application-form.ts';
import { joinList } from '../../i18n/index.ts';
import { loadApplications, membershipOf } from '../../store/repos/recruitment.ts';

/**
 * `/status`: the person's own applications, newest first, each with its trail and their
 * own details, and the departments they belong to. Only ever their own: the list is
 * read from their open_id's index and each application is checked to be theirs.
 */
export const status: Command = {
  name: 'status',
  aliases: ['我的'],
  section: 'recruitment',
  summary: 'cmd.status.summary',
  usage: 'cmd.status.usage',
  private: true,
  async run(ctx) {
    const { store, keys, actor } = ctx;
    const [ids, membership] = await Promise.all([
      store.smembers(keys.applicationsOf(actor.openId)),
      membershipOf(store, keys, actor.openId),
    ]);
    const applications = (await loadApplications(store, keys, ids))
      .filter((a) => a.applicant.openId === actor.openId)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    const departments = [...new Set([...membership.departments, ...actor.departments])];
    const units = [
      ...(actor.roles.has('presidium') ? [ctx.t('role.presidium')] : []),
      ...departments.map((d) => departmentName(ctx.org, d)),
    ];
    ctx.replyCard(statusCard({ applications, memberships: joinList(ctx.locale, units) }, ctx.org, ctx.t));
  },
};
