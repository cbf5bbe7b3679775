import { groupByAdvisors, unitsBehind } from '../../domain/meetings.ts';
import { unitsOf } from '../../domain/units.ts';
import { joinList } from '../../i18n/index.ts';
import { textContent } from '../../messages/content.ts';
import type { Job } from '../job.ts';

/**
 * On the 20th: units with no study meeting recorded this month are reminded again, and
 * their advisors hear which units are behind (one message per set of advisors: a college's
 * League branch, or the League committee for the school and units without advisors).
 * When every unit has held one, nobody is disturbed.
 */
export const studyMeetingFollowup: Job = {
  name: 'study-meeting-followup',
  cron: '0 9 20 * *',
  summary: 'job.studyMeetingFollowup.summary',
  period: 'month',
  reminder: true,
  catchUp: true,
  async run(ctx) {
    const { t, period } = ctx;
    const units = unitsOf(ctx.org, t('unit.school'));
    const records = await ctx.repos.meetings.month(
      period,
      units.map((u) => u.id),
    );
    const behind = unitsBehind(units, records);
    for (const unit of behind) {
      ctx.sendToPeople(
        unit.leaders,
        textContent(t('meeting.followup.text', { unit: unit.name, month: period })),
      );
    }
    for (const group of groupByAdvisors(behind, ctx.org.leagueCommittee)) {
      const names = joinList(
        ctx.locale,
        group.units.map((u) => u.name),
      );
      ctx.sendToPeople(
        group.advisors,
        textContent(t('meeting.followup.advisors', { month: period, units: names })),
      );
    }
  },
};
