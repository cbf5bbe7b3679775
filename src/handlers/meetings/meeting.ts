import type { Command } from '../../bot/command.ts';
import type { BotContext } from '../../bot/context.ts';
import { UserError } from '../../bot/errors.ts';
import { meetingFormCard, meetingMonthCard } from '../../cards/meetings/meeting-cards.ts';
import { type FieldProblem, findUnit, splitMeetingLine, validateMeeting } from '../../domain/meetings.ts';
import { hasRole } from '../../domain/roles.ts';
import { monthOf } from '../../lib/dates.ts';
import { meetingToday, meetingUnits, pickUnit, problemsText, saveMeeting } from './recording.ts';

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

/** `/meeting list [YYYY-MM]`: every unit's meetings in the month (this month by default). */
async function listMeetings(ctx: BotContext, monthArg?: string): Promise<void> {
  const month = monthArg ?? monthOf(ctx.now(), ctx.org.timezone);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UserError('meeting.list.badMonth');
  ctx.replyCard(
    meetingMonthCard(
      { month, units: await ctx.repos.meetings.withMeetings(meetingUnits(ctx), month) },
      ctx.t,
    ),
  );
}
