import { randomUUID } from 'node:crypto';
import type { BotContext } from '../../bot/context.ts';
import { UserError } from '../../bot/errors.ts';
import {
  chooseUnit,
  DAYS_BACK_MAX,
  type FieldProblem,
  type MeetingDraft,
  TOPIC_MAX,
} from '../../domain/meetings.ts';
import { type Unit, unitsOf } from '../../domain/units.ts';
import { joinList } from '../../i18n/index.ts';
import { dateOf } from '../../lib/dates.ts';

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
  const recorded = await ctx.repos.meetings.record(ctx.uow, unit.id, {
    id: randomUUID().slice(0, 8),
    ...draft,
    recordedBy: ctx.actor.openId,
    recordedAt: ctx.now().toISOString(),
  });
  if (!recorded.ok) {
    throw new UserError('meeting.duplicate', { unit: unit.name, date: draft.date, topic: draft.topic });
  }
  const { count } = recorded;
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
