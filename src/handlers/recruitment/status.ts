import type { Command } from '../../bot/command.ts';
import { statusCard } from '../../cards/recruitment/application-form.ts';
import { departmentName } from '../../domain/org-names.ts';
import { joinList } from '../../i18n/index.ts';
import { STATUS_SOURCES } from '../sources.ts';

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
  liveRoles: true,
  async run(ctx) {
    const { actor } = ctx;
    const [applications, membership, ...blocks] = await Promise.all([
      ctx.repos.recruitment.ofPerson(actor.openId),
      ctx.repos.membership.of(actor.openId),
      // Every other feature's part (tickets, registrations): a line in handlers/sources.ts.
      ...STATUS_SOURCES.map((source) => source(ctx)),
    ]);
    const departments = [...new Set([...membership.departments, ...actor.departments])];
    const units = [
      ...(actor.roles.has('presidium') ? [ctx.t('role.presidium')] : []),
      ...departments.map((d) => departmentName(ctx.org, d)),
    ];
    const others = blocks.filter((b): b is { title: string; lines: string[] } => b !== undefined);
    ctx.replyCard(
      statusCard({ applications, memberships: joinList(ctx.locale, units), others }, ctx.org, ctx.t),
    );
  },
};
