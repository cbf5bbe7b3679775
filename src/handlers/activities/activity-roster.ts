import type { BotContext } from '../../bot/context.ts';
import { UserError } from '../../bot/errors.ts';
import { activityRosterCard } from '../../cards/activities/attendance-roster.ts';
import type { Activity } from '../../domain/activities.ts';
import { dateOf, localDateTime } from '../../lib/dates.ts';
import { fileMessage, MAX_FILE_BYTES } from '../../messages/outbox-message.ts';
import {
  type RosterData,
  type RosterPerson,
  rosterCsv,
  rosterRows,
  rosterSummary,
} from './activity-roster-csv.ts';
import { runsActivity } from './checkin-activity.ts';

/** Names, colleges and grades: the org file, then applications, then the contact API. */
async function peopleFor(ctx: BotContext, openIds: readonly string[]): Promise<Map<string, RosterPerson>> {
  const names = new Map<string, string>();
  for (const p of ctx.directory.people()) if (p.openId && p.name) names.set(p.openId, p.name);
  const unknown = openIds.filter((id) => !names.has(id));
  if (unknown.length > 0)
    for (const [id, name] of await ctx.repos.recruitment.applicantNames(unknown)) names.set(id, name);
  const asked = await Promise.all(
    openIds
      .filter((id) => !names.has(id))
      .map(async (id) => [id, (await ctx.directory.profileOf(id)).name] as const),
  );
  for (const [id, name] of asked) if (name) names.set(id, name);
  const profiles = await Promise.all(openIds.map((id) => ctx.repos.activities.profile(id)));
  const collegeName = (id: string) => ctx.org.colleges.find((c) => c.id === id)?.name ?? id;
  return new Map(
    openIds.map((id, i) => {
      const profile = profiles[i];
      return [
        id,
        {
          name: names.get(id) ?? id,
          ...(profile ? { college: collegeName(profile.college), grade: profile.grade } : {}),
        },
      ];
    }),
  );
}

/** The activity's seat list and attendance, read together. */
async function rosterData(ctx: BotContext, a: Activity): Promise<RosterData> {
  const [list, attendance] = await Promise.all([
    ctx.repos.activities.seats().read(ctx.repos.activities.listOf(a.id)),
    ctx.repos.activities.attendance(a.id),
  ]);
  return { ...list, attendance };
}

/**
 * `/名单 A12` (`/roster A12`; `/名单 <部门>` is the department roster, which hands an
 * activity id over to this): for the organiser, the organising department's heads and
 * the presidium, a card with the counts and the roster as a CSV file (序号, 姓名, 学院,
 * 年级, 状态, 签到, 二课学时), in the same reply. Personal data: it goes to the asker's
 * direct chat.
 */
export async function activityRoster(ctx: BotContext, rawId: string): Promise<void> {
  const id = rawId.toUpperCase();
  const a = await ctx.repos.activities.get(id);
  if (!a || a.state === 'draft') throw new UserError('attendance.unknown', { id });
  if (!runsActivity(ctx, a)) throw new UserError('actRoster.forbidden', { id });
  const now = ctx.now();
  const data = await rosterData(ctx, a);
  const everyone = [...data.seated, ...Object.keys(data.offers), ...data.waiting];
  const rows = rosterRows(a, data, await peopleFor(ctx, everyone), now, ctx.t);
  const csv = rosterCsv(rows, ctx.t);
  const fileName = ctx.t('actRoster.csv.fileName', { id: a.id, date: dateOf(now, ctx.org.timezone) });
  const summary = rosterSummary(a, data, now);
  const tz = ctx.org.timezone;
  const department =
    ctx.org.departments.find((d) => d.id === a.department)?.name ??
    (a.department === 'presidium' ? ctx.t('role.presidium') : a.department);
  if (ctx.conversation.type === 'group') {
    ctx.reply(ctx.t('command.movedToP2p'));
    ctx.conversation = { type: 'p2p', to: { type: 'open_id', id: ctx.actor.openId } };
  }
  ctx.replyCard(
    activityRosterCard(
      {
        id: a.id,
        title: a.title,
        department,
        start: localDateTime(a.startsAt, tz),
        place: a.place,
        ...summary,
        hoursEach: a.hours,
        ended: now.getTime() >= Date.parse(a.endsAt),
        fileName,
      },
      ctx.t,
    ),
  );
  if (Buffer.byteLength(csv, 'utf8') > MAX_FILE_BYTES) {
    ctx.log.warn({ id: a.id, rows: rows.length }, 'activity roster: over the file limit');
    ctx.reply(ctx.t('actRoster.csv.tooLarge'));
    return;
  }
  ctx.uow.send(fileMessage(ctx.conversation.to, fileName, csv));
}
