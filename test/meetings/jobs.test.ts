import { describe, expect, it } from 'vitest';
import { renderCardText } from '../../src/cards/render-text.ts';
import { jobs } from '../../src/schedules/index.ts';
import { runJobOnce } from '../../src/schedules/job-context.ts';
import { studyMeetingCompliance } from '../../src/schedules/meetings/study-meeting-compliance.ts';
import { studyMeetingFollowup } from '../../src/schedules/meetings/study-meeting-followup.ts';
import { studyMeetingReminder } from '../../src/schedules/meetings/study-meeting-reminder.ts';
import { testRuntime } from '../helpers/test-runtime.ts';
import { jobOrg, recipients, seed, textsTo } from './helpers.ts';

const LEADERS = ['ou_leader_cs', 'ou_leader_cs2026', 'ou_leader_east', 'ou_presidium_1'];

describe('the study-meeting jobs', () => {
  it('are registered with their schedules', () => {
    const byName = Object.fromEntries(jobs().map((j) => [j.name, j]));
    expect(byName['study-meeting-reminder']).toMatchObject({
      cron: '0 9 1 * *',
      period: 'month',
      reminder: true,
      catchUp: true,
    });
    expect(byName['study-meeting-followup']).toMatchObject({
      cron: '0 9 20 * *',
      period: 'month',
      reminder: true,
      catchUp: true,
    });
    expect(byName['study-meeting-compliance']).toMatchObject({
      cron: '0 18 L * *',
      period: 'month',
      reminder: false,
      catchUp: true,
    });
  });
});

describe('study-meeting-reminder', () => {
  it('reminds each unit’s leaders, with their unit’s record of last month', async () => {
    const rt = await testRuntime({ org: jobOrg(), now: '2026-11-01T01:00:00Z' });
    await seed(rt, '2026-10', 'school', [
      { date: '2026-10-09', topic: '学习全会精神' },
      { date: '2026-10-23', topic: '主题教育' },
    ]);
    await seed(rt, '2026-10', 'cs', [{ date: '2026-10-15', topic: '学院学习' }]);
    await seed(rt, '2026-11', 'east', [{ date: '2026-11-01', topic: '不是上月的' }]);
    await runJobOnce(rt.bot.services, studyMeetingReminder, '2026-11', new Date('2026-11-01T01:00:00Z'));
    await rt.settle();

    // 数学学院 has no leaders: nobody to remind there. Advisors are not reminded on the 1st.
    expect(recipients(rt)).toEqual(LEADERS);
    const [school] = textsTo(rt, 'ou_presidium_1');
    expect(school).toContain('【学习会提醒】校学生会：本月（2026-11）请至少召开一次学习会');
    expect(school).toContain('上月（2026-10）记录：\n· 2026-10-09 学习全会精神\n· 2026-10-23 主题教育');
    const [cs] = textsTo(rt, 'ou_leader_cs');
    expect(cs).toContain('计算机学院');
    expect(cs).toContain('· 2026-10-15 学院学习');
    expect(cs).not.toContain('学习全会精神');
    expect(textsTo(rt, 'ou_leader_east')[0]).toContain('东校区');
    expect(textsTo(rt, 'ou_leader_east')[0]).toContain('上月（2026-10）没有记录。');
    expect(textsTo(rt, 'ou_leader_cs2026')[0]).toContain('计科2026级');
  });

  it('looks back to December in January', async () => {
    const rt = await testRuntime({ org: jobOrg(), now: '2027-01-01T01:00:00Z' });
    await seed(rt, '2026-12', 'school', [{ date: '2026-12-18', topic: '年终学习' }]);
    await runJobOnce(rt.bot.services, studyMeetingReminder, '2027-01', new Date('2027-01-01T01:00:00Z'));
    await rt.settle();
    expect(textsTo(rt, 'ou_presidium_1')[0]).toContain('上月（2026-12）记录：\n· 2026-12-18 年终学习');
  });

  it('sends nothing the second time the same period runs', async () => {
    const rt = await testRuntime({ org: jobOrg(), now: '2026-11-01T01:00:00Z' });
    await runJobOnce(rt.bot.services, studyMeetingReminder, '2026-11', new Date('2026-11-01T01:00:00Z'));
    await rt.settle();
    const first = rt.sender.sent.length;
    expect(first).toBe(4);
    await runJobOnce(rt.bot.services, studyMeetingReminder, '2026-11', new Date('2026-11-01T01:00:00Z'));
    await rt.settle();
    expect(rt.sender.sent.length).toBe(first);
  });
});

describe('study-meeting-followup', () => {
  it('reminds only the units behind, and tells each set of advisors their units once', async () => {
    const rt = await testRuntime({ org: jobOrg(), now: '2026-11-20T01:00:00Z' });
    await seed(rt, '2026-11', 'cs', [{ date: '2026-11-05', topic: '学院学习' }]);
    await seed(rt, '2026-10', 'east', [{ date: '2026-10-05', topic: '上个月的不算' }]);
    await runJobOnce(rt.bot.services, studyMeetingFollowup, '2026-11', new Date('2026-11-20T01:00:00Z'));
    await rt.settle();

    expect(recipients(rt)).toEqual([
      'ou_leader_cs2026',
      'ou_leader_east',
      'ou_league_committee', // 校学生会 and 东校区 (no advisors of its own)
      'ou_league_cs', // 计科2026级 (计算机学院 held one)
      'ou_league_math', // 数学学院
      'ou_presidium_1',
    ]);
    expect(textsTo(rt, 'ou_presidium_1')).toEqual([
      '【学习会提醒】校学生会本月（2026-11）还没有记录学习会，请在月底前召开，并发送 /学习会 记录。',
    ]);
    expect(textsTo(rt, 'ou_leader_east')[0]).toContain('东校区本月（2026-11）还没有记录学习会');
    expect(textsTo(rt, 'ou_league_committee')).toEqual([
      '【学习会进度】以下单位本月（2026-11）尚未记录学习会：校学生会、东校区。请督促按时召开。',
    ]);
    expect(textsTo(rt, 'ou_league_cs')).toEqual([
      '【学习会进度】以下单位本月（2026-11）尚未记录学习会：计科2026级。请督促按时召开。',
    ]);
    expect(textsTo(rt, 'ou_league_math')[0]).toContain('尚未记录学习会：数学学院。');
  });

  it('gives a League branch one message for its college and its classes', async () => {
    const rt = await testRuntime({ org: jobOrg(), now: '2026-11-20T01:00:00Z' });
    await runJobOnce(rt.bot.services, studyMeetingFollowup, '2026-11', new Date('2026-11-20T01:00:00Z'));
    await rt.settle();
    expect(textsTo(rt, 'ou_league_cs')).toEqual([
      '【学习会进度】以下单位本月（2026-11）尚未记录学习会：计算机学院、计科2026级。请督促按时召开。',
    ]);
    expect(textsTo(rt, 'ou_leader_cs')).toHaveLength(1);
  });

  it('sends nothing when every unit has held one', async () => {
    const rt = await testRuntime({ org: jobOrg(), now: '2026-11-20T01:00:00Z' });
    for (const unit of ['school', 'cs', 'math', 'east', 'cs-2026']) {
      await seed(rt, '2026-11', unit, [{ date: '2026-11-02', topic: '学习' }]);
    }
    await runJobOnce(rt.bot.services, studyMeetingFollowup, '2026-11', new Date('2026-11-20T01:00:00Z'));
    await rt.settle();
    expect(rt.sender.sent).toEqual([]);
  });

  it('sends nothing the second time the same period runs', async () => {
    const rt = await testRuntime({ org: jobOrg(), now: '2026-11-20T01:00:00Z' });
    await runJobOnce(rt.bot.services, studyMeetingFollowup, '2026-11', new Date('2026-11-20T01:00:00Z'));
    await rt.settle();
    const first = rt.sender.sent.length;
    expect(first).toBeGreaterThan(0);
    await runJobOnce(rt.bot.services, studyMeetingFollowup, '2026-11', new Date('2026-11-20T01:00:00Z'));
    await rt.settle();
    expect(rt.sender.sent.length).toBe(first);
  });
});

describe('study-meeting-compliance', () => {
  async function seeded(extra = '') {
    const rt = await testRuntime({ org: jobOrg(extra), now: '2026-11-30T10:00:00Z' });
    await seed(rt, '2026-11', 'school', [
      { date: '2026-11-05', topic: '学习全会精神', attendance: 30 },
      { date: '2026-11-19', topic: '<at id=all></at>主题教育' },
    ]);
    await seed(rt, '2026-11', 'cs', [
      { date: '2026-11-12', topic: '学院学习', minutesUrl: 'https://docs.example.com/x' },
    ]);
    await runJobOnce(rt.bot.services, studyMeetingCompliance, '2026-11', new Date('2026-11-30T10:00:00Z'));
    await rt.settle();
    return rt;
  }

  it('sends the League committee chat a card listing every unit, held or not', async () => {
    const rt = await seeded('chats: { leagueCommittee: oc_league }\n');
    expect(rt.sender.sent).toHaveLength(1);
    const [message] = rt.sender.sent;
    expect(message).toMatchObject({
      kind: 'send',
      to: { type: 'chat_id', id: 'oc_league' },
      msgType: 'interactive',
    });
    const card = rt.sender.cards()[0] as Record<string, unknown>;
    // The topic is escaped in the card: no mention of everyone.
    expect(JSON.stringify(card)).not.toContain('<at id=all>');
    expect(JSON.stringify(card)).toContain('&#60;at id=all&#62;&#60;/at&#62;主题教育');
    const text = renderCardText(card).text;
    expect(text).toContain('2026-11 学习会落实情况');
    expect(text).toContain('2/5 个单位已召开');
    expect(text).toContain(
      '✓ 校学生会：2 次\n· 11-05 学习全会精神（30 人）\n· 11-19 <at id=all></at>主题教育',
    );
    expect(text).toContain('✓ 计算机学院：1 次\n· 11-12 学院学习 [纪要](https://docs.example.com/x)');
    for (const unit of ['数学学院', '东校区', '计科2026级']) expect(text).toContain(`✗ ${unit}：尚未召开`);
  });

  it('sends it to each League committee person when there is no chat', async () => {
    const rt = await seeded();
    expect(recipients(rt)).toEqual(['ou_league_committee']);
    expect(renderCardText(rt.sender.cards()[0]).text).toContain('2/5 个单位已召开');
  });

  it('sends nothing the second time the same period runs', async () => {
    const rt = await seeded();
    await runJobOnce(rt.bot.services, studyMeetingCompliance, '2026-11', new Date('2026-11-30T10:00:00Z'));
    await rt.settle();
    expect(rt.sender.sent).toHaveLength(1);
  });
});
