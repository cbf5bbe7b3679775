import type { Command } from '../../bot/command.ts';
import type { BotContext } from '../../bot/context.ts';
import { UserError } from '../../bot/errors.ts';
import { ACTIVITY_ID } from '../../cards/activities/activity-values.ts';
import { findDepartment } from '../../domain/org-names.ts';
import { hasRole } from '../../domain/roles.ts';
import { type Roster, unionMembers } from '../../domain/roster.ts';
import { joinList } from '../../i18n/index.ts';
import { activityRoster } from '../activities/activity-roster.ts';
import { namesFor } from './members.ts';

/** Who may see the whole roster; heads see their own department. */
const READERS = ['presidium', 'leagueCommittee', 'leagueBranch', 'partyCommittee', 'admin'] as const;

/** `学术部 7/9 · 全会 52/60 · 主席团 4/4`: the departments shown, the union and the presidium. */
export function headroomLine(
  ctx: BotContext,
  roster: Roster,
  shown: readonly Roster['departments'][number][],
): string {
  const t = ctx.t;
  return [
    ...shown.map((d) => t('roster.count', { name: d.name, count: d.members.length, cap: d.cap })),
    t('roster.union', { count: unionMembers(roster).length, cap: ctx.org.limits.union }),
    t('roster.presidium', { count: roster.presidium.length, cap: ctx.org.limits.presidium }),
  ].join(' · ');
}

/**
 * `/roster [department]` (`/名单`): each department's members (heads marked) from the
 * live seats, and the headroom against the caps. The presidium and the advisors see
 * every department; a head sees their own. `/名单 A12` is an activity's roster instead
 * (its organiser may be any member: hence `member` and the check of departments here).
 */
export const roster: Command = {
  name: 'roster',
  aliases: ['名单'],
  section: 'recruitment',
  summary: 'cmd.roster.summary',
  usage: 'cmd.roster.usage',
  examples: 'cmd.roster.examples',
  allowed: (actor) => hasRole(actor, ...READERS, 'member') || actor.heads.length > 0,
  liveRoles: true,
  async run(ctx, command) {
    if (ACTIVITY_ID.test(command.rest)) return activityRoster(ctx, command.rest);
    const { actor, org, t } = ctx;
    const all = hasRole(actor, ...READERS);
    const own = org.departments.filter((d) => actor.heads.includes(d.id));
    if (!all && own.length === 0) throw new UserError('error.forbidden', { command: '/名单' });
    const visible = all ? org.departments : own;
    let chosen = visible;
    if (command.rest) {
      const named = findDepartment(org.departments, command.rest);
      if (!named)
        throw new UserError('roster.unknownDepartment', {
          department: command.rest,
          departments: joinList(
            ctx.locale,
            org.departments.map((d) => d.name),
          ),
        });
      if (!visible.includes(named))
        throw new UserError('roster.forbidden', {
          departments: joinList(
            ctx.locale,
            own.map((d) => d.name),
          ),
        });
      chosen = [named];
    }
    const [live, inNotice] = await Promise.all([
      ctx.repos.membership.roster(),
      ctx.repos.recruitment.inNotice(),
    ]);
    const candidates = new Map(inNotice.map((a) => [a.applicant.openId, a.department ?? '']));
    const shown = live.departments.filter((d) => chosen.some((c) => c.id === d.id));
    const everyone = [...shown.flatMap((d) => d.members), ...(all && !command.rest ? live.presidium : [])];
    const names = await namesFor(ctx, everyone);
    const sortByName = (ids: readonly string[]) =>
      [...ids].sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b, 'zh-CN'));
    const lines = [t('roster.title', { university: org.university })];
    if (all && !command.rest) {
      const people = sortByName(live.presidium).map((id) => names.get(id) ?? id);
      lines.push(
        '',
        t('roster.count', {
          name: t('roster.presidiumName'),
          count: live.presidium.length,
          cap: org.limits.presidium,
        }),
        people.length ? joinList(ctx.locale, people) : t('roster.empty'),
      );
    }
    for (const d of shown) {
      const heads = new Set(ctx.directory.openIds(org.departments.find((x) => x.id === d.id)?.heads ?? []));
      // A candidate in 公示 holds a seat (taken at the panel) but is not a member yet.
      const held = d.members.filter((id) => candidates.get(id) === d.id);
      const members = d.members.filter((id) => !held.includes(id));
      const ordered = [
        ...sortByName(members.filter((id) => heads.has(id))),
        ...sortByName(members.filter((id) => !heads.has(id))),
      ];
      const people = ordered.map((id) =>
        heads.has(id) ? t('roster.head', { name: names.get(id) ?? id }) : (names.get(id) ?? id),
      );
      lines.push(
        '',
        t('roster.count', { name: d.name, count: d.members.length, cap: d.cap }) +
          (held.length ? t('roster.heldCount', { n: held.length }) : ''),
        people.length ? joinList(ctx.locale, people) : t('roster.empty'),
        ...(held.length
          ? [
              t('roster.inNotice', {
                names: joinList(
                  ctx.locale,
                  sortByName(held).map((id) => names.get(id) ?? id),
                ),
              }),
            ]
          : []),
      );
    }
    lines.push('', headroomLine(ctx, live, shown));
    ctx.reply(lines.join('\n'));
  },
};
