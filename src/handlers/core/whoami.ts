import type { Command } from '../../bot/command.ts';
import { collegeName, departmentName } from '../../domain/org-names.ts';
import { shownRoles } from '../../domain/roles.ts';
import { joinList } from '../../i18n/index.ts';

/** `/whoami`: the roles and scope the bot sees for me; what an admin checks first when setting up. */
export const whoami: Command = {
  name: 'whoami',
  aliases: ['我是谁', '身份'],
  section: 'general',
  summary: 'cmd.whoami.summary',
  usage: 'cmd.whoami.usage',
  // Shows ids and scope: nobody else in a group needs to see them.
  private: true,
  liveRoles: true,
  async run(ctx) {
    const { actor, org, t } = ctx;
    const list = (items: readonly string[]) => joinList(ctx.locale, items);
    const deptName = (id: string) => departmentName(org, id);
    const lines = [
      t('whoami.title'),
      t('whoami.roles', { roles: list(shownRoles(actor).map((r) => t(`role.${r}`))) }),
    ];
    if (actor.departments.length)
      lines.push(t('whoami.departments', { departments: list(actor.departments.map(deptName)) }));
    if (actor.heads.length) lines.push(t('whoami.heads', { departments: list(actor.heads.map(deptName)) }));
    for (const role of ['collegeLeader', 'leagueBranch', 'partyCommittee'] as const) {
      const ids = actor.colleges[role];
      if (ids.length)
        lines.push(
          t('whoami.colleges', {
            role: t(`role.${role}`),
            colleges: list(ids.map((id) => collegeName(org, id))),
          }),
        );
    }
    lines.push(t('whoami.ids', { openId: actor.openId }));
    ctx.reply(lines.join('\n'));
  },
};
