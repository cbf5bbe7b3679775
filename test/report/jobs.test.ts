import { describe, expect, it } from 'vitest';
import { renderCardText } from '../../src/cards/render-text.ts';
import { jobs } from '../../src/schedules/index.ts';
import { runJobOnce } from '../../src/schedules/job-context.ts';
import { leagueReportOverdue } from '../../src/schedules/report/league-report-overdue.ts';
import { leagueReportReminder } from '../../src/schedules/report/league-report-reminder.ts';
import { makeMessageEvent, plainRequest } from '../helpers/fixtures.ts';
import { testRuntime } from '../helpers/test-runtime.ts';
import { cardOf, reportOrg, sentTo } from './helpers.ts';

const ON_25TH = new Date('2026-11-25T01:00:00Z');
const ON_5TH = new Date('2026-11-05T01:00:00Z');

describe('report jobs', () => {
  it('are registered with the SPEC schedules', () => {
    const byName = new Map(jobs().map((j) => [j.name, j]));
    expect(byName.get('league-report-reminder')).toMatchObject({
      cron: '0 9 25 * *',
      period: 'month',
      reminder: true,
      catchUp: true,
    });
    expect(byName.get('league-report-overdue')).toMatchObject({
      cron: '0 9 5 * *',
      period: 'month',
      reminder: true,
      catchUp: true,
    });
  });

  it('league-report-reminder sends every presidium member the draft with the send button', async () => {
    const rt = await testRuntime({ org: reportOrg(), now: ON_25TH.toISOString() });
    await runJobOnce(rt.bot.services, leagueReportReminder, '2026-11', ON_25TH);
    await rt.settle();
    for (const person of ['ou_presidium_1', 'ou_presidium_2']) {
      const messages = sentTo(rt.sender.sent, person);
      expect(messages).toHaveLength(1);
      const card = renderCardText(cardOf(messages[0]));
      expect(card.text).toContain('2026-11 工作报告（草稿）');
      expect(card.text).toContain('办公室 3/3');
      expect(card.buttons.map((b) => b.value)).toEqual([{ a: 'report.send', m: '2026-11', v: 1 }]);
    }
    expect(rt.sender.sent).toHaveLength(2);
  });

  it('league-report-reminder stays quiet once the month is sent', async () => {
    const rt = await testRuntime({ org: reportOrg(), now: ON_25TH.toISOString() });
    await rt.app.request(
      '/lark/events',
      plainRequest(makeMessageEvent({ senderOpenId: 'ou_presidium_1', text: '/报告 报送' })),
    );
    await rt.settle();
    const before = rt.sender.sent.length;
    expect(await runJobOnce(rt.bot.services, leagueReportReminder, '2026-11', ON_25TH)).toBe(0);
    await rt.settle();
    expect(rt.sender.sent.length).toBe(before);
  });

  it('league-report-overdue flags an unsent previous month to the presidium and the League committee chat', async () => {
    const rt = await testRuntime({
      org: reportOrg('chats: { leagueCommittee: oc_league }\n'),
      now: ON_5TH.toISOString(),
    });
    await runJobOnce(rt.bot.services, leagueReportOverdue, '2026-11', ON_5TH);
    await rt.settle();
    for (const person of ['ou_presidium_1', 'ou_presidium_2']) {
      const card = renderCardText(cardOf(sentTo(rt.sender.sent, person)[0]));
      expect(card.text).toContain('2026-10 工作报告（草稿）');
      expect(card.text).toContain('2026-10 的工作报告尚未报送校团委');
      expect(card.buttons.map((b) => b.value)).toEqual([{ a: 'report.send', m: '2026-10', v: 1 }]);
    }
    expect(sentTo(rt.sender.sent, 'oc_league')).toHaveLength(1);
    expect(rt.sender.texts()).toEqual(['测试大学学生会 2026-10 的工作报告尚未报送，已提醒主席团。']);
    expect(rt.sender.sent).toHaveLength(3);
  });

  it('league-report-overdue tells the League committee people when there is no chat', async () => {
    const rt = await testRuntime({ org: reportOrg(), now: ON_5TH.toISOString() });
    await runJobOnce(rt.bot.services, leagueReportOverdue, '2026-11', ON_5TH);
    await rt.settle();
    expect(sentTo(rt.sender.sent, 'ou_league_committee')).toHaveLength(1);
    expect(sentTo(rt.sender.sent, 'ou_league_committee_2')).toHaveLength(1);
  });

  it('league-report-overdue says nothing when the previous month was sent', async () => {
    const rt = await testRuntime({ org: reportOrg(), now: ON_5TH.toISOString() });
    await rt.app.request(
      '/lark/events',
      plainRequest(makeMessageEvent({ senderOpenId: 'ou_presidium_1', text: '/报告 报送 2026-10' })),
    );
    await rt.settle();
    const before = rt.sender.sent.length;
    expect(await runJobOnce(rt.bot.services, leagueReportOverdue, '2026-11', ON_5TH)).toBe(0);
    await rt.settle();
    expect(rt.sender.sent.length).toBe(before);
  });
});
