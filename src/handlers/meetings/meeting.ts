import { randomUUID } from 'node:crypto';
import type { Command } from '../../bot/command.ts';
import type { BotContext } from '../../bot/context.ts';
import { UserError } from '../../bot/errors.ts';
import { meetingFormCard, meetingMonthCard } from '../../cards/meetings/meeting-cards.ts';
import {
  chooseUnit,
  DAYS_BACK_MAX,
  type FieldProblem,
  findUnit,
  type MeetingDraft,
  splitMeetingLine,
  TOPIC_MAX,
  validateMeeting,
} from '../../domain/meetings.ts';
import { hasRole } from '../../domain/roles.ts';
import { type Unit, unitsOf } from '../../domain/units.ts';
import { joinList } from '../../i18n/index.ts';
import { dateOf, monthOf } from '../../lib/dates.ts';
import { recordMeeting, unitsWithMeetings } from '../../store/repos/meetings.ts';

const LIST_WORDS = new Set(['list', 'ls', '列表', '查看']);
const isMonthWord = (rest: readonly string[]) => rest.length === 1 && /^\d{4}-\d{1,2}$/.test(rest[0] ?? '');

/**
 * `/meeting`: records that a unit held its monthly study meeting (source document 二(四)1).
 * Without arguments it sends a form; `/meeting list [YYYY-MM]` shows every unit's month.
 */
export const meeting: Command = {
  name: 'meeting',
  aliases: ['学习会'],
  section: 'work',
  summary: 'cmd.meeting.summary',
  usage: 'cmd.meeting.usage',
  examples: 'cmd.meeting.examples',
  allowed: (actor) =>
    actor.units.length > 0 ||
    hasRole(
      actor,
      'presidium',
      'collegeLeader',
      'unitLeader',
      'leagueBranch',
      'partyCommittee',
      'leagueCommittee',
      'admin',
    ),
  async run(ctx, command) {
    const [first, ...rest] = command.args;
    // `list` alone or with a month; `/meeting list of readings` is a topic.
    const listing = first && LIST_WORDS.has(first.toLowerCase()) && (rest.length === 0 || isMonthWord(rest));
    if (listing) return listMeetings(ctx, rest[0]);
    const units = meetingUnits(ctx);
    if (ctx.actor.units.length === 0) throw new UserError('meeting.noUnit');
    const today = meetingToday(ctx);
    if (command.args.length === 0) {
      const mine = units.filter((u) => ctx.actor.units.includes(u.id));
      ctx.replyCard(meetingFormCard({ units: mine, today }, ctx.t));
      return;
    }
    const line = splitMeetingLine(command.args, (word) => findUnit(units, word) !== undefined);
    const unit = pickUnit(ctx, units, line.unit);
    const checked = validateMeeting(line, today, { attendanceRequired: false });
    const problems = [
      ...(line.repeated ? [{ field: line.repeated, problem: 'repeated' } satisfies FieldProblem] : []),
      ...(checked.ok ? [] : checked.problems),
    ];
    if (problems.length > 0 || !checked.ok) {
      throw new UserError('meeting.invalid', {
        problems: problemsText(ctx, problems, { withField: problems.length > 1 }),
        usage: ctx.t('cmd.meeting.usage'),
      });
    }
    ctx.reply((await saveMeeting(ctx, unit, checked.draft)).lines.join('\n'));
  },
};

/** Every unit that holds study meetings: the school union, the colleges, the org file's extra units. */
export function meetingUnits(ctx: BotContext): Unit[] {
  return unitsOf(ctx.org, ctx.t('unit.school'));
}

/** Today in the org's time zone (`YYYY-MM-DD`). */
export function meetingToday(ctx: BotContext): string {
  return dateOf(ctx.now(), ctx.org.timezone);
}

/** The unit a recording is for, or a refusal that says why (and, for several, lists them). */
export function pickUnit(ctx: BotContext, units: readonly Unit[], named?: string): Unit {
  const choice = chooseUnit(units, ctx.actor.units, named);
  if (choice.ok) return choice.unit;
  switch (choice.problem) {
    case 'noUnit':
      throw new UserError('meeting.noUnit');
    case 'unknownUnit':
      throw new UserError('meeting.unknownUnit', { unit: named ?? '' });
    case 'notYourUnit':
      throw new UserError('meeting.notYourUnit', { unit: choice.unit?.name ?? named ?? '' });
    case 'whichUnit': {
      const mine = units.filter((u) => ctx.actor.units.includes(u.id));
      throw new UserError('meeting.whichUnit', {
        units: joinList(
          ctx.locale,
          mine.map((u) => ctx.t('meeting.unitChoice', { name: u.name, id: u.id })),
        ),
        example: mine[mine.length - 1]?.id ?? '',
      });
    }
  }
}

/** The problems as one sentence; with field names when there are several (the form always names them). */
export function problemsText(
  ctx: BotContext,
  problems: readonly FieldProblem[],
  opts: { withField: boolean },
) {
  const params = { today: meetingToday(ctx), days: DAYS_BACK_MAX, max: TOPIC_MAX };
  return problems
    .map((p) => {
      const problem = ctx.t(`meeting.problem.${p.problem}`, { ...params, value: p.value ?? '' });
      return opts.withField || p.problem === 'repeated'
        ? ctx.t('meeting.form.problem', { field: ctx.t(`meeting.field.${p.field}`), problem })
        : problem;
    })
    .join(ctx.locale === 'zh-CN' ? '；' : '; ');
}

/** Stores a checked meeting and says what was stored (the reply, or the card after the form). */
export async function saveMeeting(
  ctx: BotContext,
  unit: Unit,
  draft: MeetingDraft,
): Promise<{ lines: string[]; month: string; count: number }> {
  const { count } = await recordMeeting(ctx, unit, {
    id: randomUUID().slice(0, 8),
    ...draft,
    recordedBy: ctx.actor.openId,
    recordedAt: ctx.now().toISOString(),
  });
  const month = draft.date.slice(0, 7);
  const { t } = ctx;
  const lines = [
    t('meeting.recorded.title', { unit: unit.name }),
    t('meeting.recorded.date', { date: draft.date }),
    t('meeting.recorded.topic', { topic: draft.topic }),
    draft.attendance === null
      ? t('meeting.recorded.noAttendance')
      : t('meeting.recorded.attendance', { n: draft.attendance }),
    ...(draft.minutesUrl ? [t('meeting.recorded.minutes', { url: draft.minutesUrl })] : []),
    t('meeting.recorded.count', { unit: unit.name, month, count }),
  ];
  return { lines, month, count };
}

/** `/meeting list [YYYY-MM]`: every unit's meetings in the month (this month by default). */
async function listMeetings(ctx: BotContext, monthArg?: string): Promise<void> {
  const month = monthArg ?? monthOf(ctx.now(), ctx.org.timezone);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UserError('meeting.list.badMonth');
  ctx.replyCard(meetingMonthCard({ month, units: await unitsWithMeetings(ctx, month) }, ctx.t));
}
