import type { Command } from '../../bot/command.ts';
import type { BotContext } from '../../bot/context.ts';
import { UserError } from '../../bot/errors.ts';
import { findDepartment } from '../../domain/org-names.ts';
import { departmentCap } from '../../domain/recruitment.ts';
import { parseUntilDate, type WindowOverride, type WindowState } from '../../domain/recruitment-window.ts';
import { hasRole } from '../../domain/roles.ts';
import { joinList } from '../../i18n/index.ts';
import { dateOf } from '../../lib/dates.ts';

const OPEN_WORDS = new Set(['open', '开启', '开放', '打开', '开始']);
const CLOSE_WORDS = new Set(['close', '关闭', '结束', '停止']);
const UNTIL_WORDS = new Set(['until', '截止', '截至', '至', '到']);

/**
 * `/recruit open|close <department> [until <date>]`: the presidium opens or closes a
 * department's recruitment; this wins over the org file's window. `/recruit` alone lists
 * every department: recruiting or not, until when, and its seats.
 */
export const recruit: Command = {
  name: 'recruit',
  aliases: ['招新'],
  section: 'recruitment',
  summary: 'cmd.recruit.summary',
  usage: 'cmd.recruit.usage',
  examples: 'cmd.recruit.examples',
  allowed: (actor) => hasRole(actor, 'presidium'),
  async run(ctx, command) {
    if (command.args.length === 0) return listWindows(ctx);
    const [verb = '', ...rest] = command.args;
    const open = OPEN_WORDS.has(verb.toLowerCase());
    if (!open && !CLOSE_WORDS.has(verb.toLowerCase())) invalid(ctx, 'recruit.problem.verb', { word: verb });
    // The department may be a name with spaces: everything up to `until`.
    const untilAt = rest.findIndex((w) => UNTIL_WORDS.has(w.toLowerCase()));
    const deptWords = untilAt === -1 ? rest : rest.slice(0, untilAt);
    const untilWords = untilAt === -1 ? [] : rest.slice(untilAt + 1);
    const named = deptWords.join(' ');
    if (!named) invalid(ctx, 'recruit.problem.noDepartment');
    const department =
      findDepartment(ctx.org.departments, named) ?? findDepartment(ctx.org.departments, deptWords.join(''));
    if (!department) {
      invalid(ctx, 'recruit.problem.department', {
        name: named,
        departments: joinList(
          ctx.locale,
          ctx.org.departments.map((d) => ctx.t('recruit.department', { name: d.name, id: d.id })),
        ),
      });
    }
    const today = dateOf(ctx.now(), ctx.org.timezone);
    let until: string | undefined;
    if (untilAt !== -1) {
      if (!open) invalid(ctx, 'recruit.problem.closeUntil');
      if (untilWords.length !== 1) invalid(ctx, 'recruit.problem.noDate');
      until = parseUntilDate(untilWords[0] ?? '', today);
      if (!until) invalid(ctx, 'recruit.problem.badDate', { date: untilWords[0] ?? '' });
      if (until < today) invalid(ctx, 'recruit.problem.pastDate', { date: until, today });
    }
    const override: WindowOverride = {
      v: 1,
      open,
      ...(until ? { until } : {}),
      by: ctx.actor.openId,
      at: ctx.now().toISOString(),
    };
    const state = ctx.repos.recruitment.setWindow(ctx.uow, department.id, override, ctx.now());
    const name = department.name;
    ctx.reply(
      !open
        ? ctx.t('recruit.closed', { department: name })
        : state.until
          ? ctx.t('recruit.opened', { department: name, until: state.until })
          : ctx.t('recruit.openedNoEnd', { department: name }),
    );
  },
};

function invalid(ctx: BotContext, key: Parameters<BotContext['t']>[0], params = {}): never {
  throw new UserError('recruit.invalid', { problem: ctx.t(key, params), usage: ctx.t('cmd.recruit.usage') });
}

/** Every department: recruiting or not, until when, and seats taken against its cap. */
async function listWindows(ctx: BotContext): Promise<void> {
  const { org, t } = ctx;
  const [windows, seats] = await Promise.all([
    ctx.repos.recruitment.windows(ctx.now()),
    ctx.repos.membership.counts(),
  ]);
  const lines = windows.map((w) => {
    const seatText = t('recruit.list.seats', {
      count: seats.units[w.id]?.length ?? 0,
      cap: departmentCap(org, w.id),
    });
    return t('recruit.list.item', { name: w.name, state: stateText(ctx, w.state), seats: seatText });
  });
  ctx.reply(
    [
      t('recruit.list.title', { today: dateOf(ctx.now(), org.timezone) }),
      ...lines,
      t('recruit.list.union', { count: seats.union, cap: org.limits.union }),
      t('recruit.list.hint'),
    ].join('\n'),
  );
}

function stateText(ctx: BotContext, s: WindowState): string {
  const by = s.source === 'override' ? ctx.t('recruit.list.byPresidium') : '';
  if (s.recruiting) {
    return (
      (s.until ? ctx.t('recruit.list.openUntil', { until: s.until }) : ctx.t('recruit.list.openNoEnd')) + by
    );
  }
  return (s.opensOn ? ctx.t('recruit.list.opensOn', { from: s.opensOn }) : ctx.t('recruit.list.closed')) + by;
}
