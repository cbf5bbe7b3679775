import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { claim, reporterReply } from '../../src/domain/tickets.ts';
import { grievanceEscalation } from '../../src/schedules/grievances/grievance-escalation.ts';
import { jobs } from '../../src/schedules/index.ts';
import { runJobOnce } from '../../src/schedules/job-context.ts';
import { redisPrefix, redisRuntime } from '../helpers/redis.ts';
import { type TestRuntime, testRuntime } from '../helpers/test-runtime.ts';
import {
  answer,
  clockOf,
  fileTicket,
  OFFICER,
  REPORTER,
  REPORTER_NAME,
  resolveTicket,
  runEscalation,
  sentLines,
  slaOrg,
  stepTicket,
  TICKET_TEXT,
  textsTo,
  ticketOf,
} from './sla-setup.ts';

/** Monday 16 November 2026, 09:00 in Shanghai. */
const FILED = '2026-11-16T01:00:00.000Z';
const HOUR = 3600_000;
const ID = 'Q-2026-0001';

async function runtime(extra = '', now = FILED): Promise<TestRuntime> {
  return testRuntime({ org: slaOrg(extra), now });
}

/** Moves the clock to `hours` after FILED and runs the job for that slot. */
async function runAt(rt: TestRuntime, hours: number): Promise<number> {
  clockOf(rt).set(new Date(Date.parse(FILED) + hours * HOUR));
  return runEscalation(rt);
}

describe('the grievance-escalation job', () => {
  it('is registered: every 10 minutes, per slot, not moved by the calendar, caught up', () => {
    expect(jobs().find((j) => j.name === 'grievance-escalation')).toMatchObject({
      cron: '*/10 * * * *',
      period: 'slot',
      reminder: false,
      catchUp: true,
    });
  });

  it('warns the claimer at 75 % and escalates a missed first response to the heads and the presidium, once each', async () => {
    const rt = await runtime();
    await fileTicket(rt);
    clockOf(rt).set(new Date(Date.parse(FILED) + HOUR));
    await stepTicket(rt, ID, (t) => claim(t, OFFICER, rt.clock.now()));

    expect(await runAt(rt, 17.9)).toBe(0);
    expect(await runAt(rt, 18)).toBe(1);
    expect(textsTo(rt, 'ou_member_rights')).toEqual([
      '诉求 Q-2026-0001（宿舍，权益部）快到首次回复时限了：已用 18 小时 / 24 小时，还剩 6 小时。请尽快回复同学。 截止 2026-11-17 09:00。',
    ]);
    const warned = await ticketOf(rt, ID);
    expect(warned?.notices).toEqual(['first:warn']);
    expect(warned?.trail.at(-1)).toMatchObject({ by: 'system', action: 'warned', note: 'first:warn' });

    // The same slot again, and the next ones: nothing more.
    expect(await runEscalation(rt, '2026-11-17T03:00')).toBe(0);
    expect(await runAt(rt, 18.2)).toBe(0);
    expect(await runAt(rt, 23.9)).toBe(0);
    expect(rt.sender.sent).toHaveLength(1);

    expect(await runAt(rt, 24)).toBe(2);
    const breach =
      '诉求 Q-2026-0001（宿舍，权益部）已超过首次回复时限，仍未回复同学：已用 24 小时 / 24 小时。经办人：钱干事。';
    expect(textsTo(rt, 'ou_head_rights')).toEqual([breach]);
    expect(textsTo(rt, 'ou_presidium_1')).toEqual([breach]);
    expect(textsTo(rt, 'oc_league')).toEqual([]);
    expect((await ticketOf(rt, ID))?.notices).toEqual(['first:warn', 'first:breach']);
    expect(await runAt(rt, 30)).toBe(0);
    expect(rt.sender.sent).toHaveLength(3);
  });

  it('warns the handling unit’s chat when nobody has claimed the ticket', async () => {
    const rt = await runtime();
    await fileTicket(rt);
    await runAt(rt, 18);
    expect(sentLines(rt)).toEqual([
      'oc_rights: 诉求 Q-2026-0001（宿舍，权益部）快到首次回复时限了：已用 18 小时 / 24 小时，还剩 6 小时。请尽快回复同学。 截止 2026-11-17 09:00。',
    ]);
  });

  it('warns at 75 % of the resolution target and takes a missed resolution to the League committee', async () => {
    const rt = await runtime();
    await fileTicket(rt);
    clockOf(rt).set(new Date(Date.parse(FILED) + HOUR));
    await answer(rt, ID);

    expect(await runAt(rt, 125.9)).toBe(0);
    expect(await runAt(rt, 126)).toBe(1);
    expect(textsTo(rt, 'ou_member_rights')[0]).toContain(
      '快到办结时限了：已用 126 小时 / 168 小时，还剩 42 小时',
    );
    expect(await runAt(rt, 168)).toBe(1);
    expect(textsTo(rt, 'oc_league')).toEqual([
      '诉求 Q-2026-0001（宿舍，权益部）已超过办结时限，仍未办结：已用 168 小时 / 168 小时。经办人：钱干事。',
    ]);
    expect(await runAt(rt, 200)).toBe(0);
  });

  it('tells each League committee member when the committee has no chat', async () => {
    const rt = await testRuntime({
      org: { ...slaOrg(), chats: { rights: 'oc_rights' } },
      now: FILED,
    });
    await fileTicket(rt);
    await runAt(rt, 168);
    expect(textsTo(rt, 'ou_league_committee')[0]).toContain('已超过办结时限');
  });

  it('stops the clock while the ticket waits on the student, which delays the breach', async () => {
    const rt = await runtime();
    await fileTicket(rt);
    clockOf(rt).set(new Date(Date.parse(FILED) + HOUR));
    await answer(rt, ID);
    clockOf(rt).set(new Date(Date.parse(FILED) + 100 * HOUR));
    await answer(rt, ID, true); // asks the student: waiting, the pause opens
    expect((await ticketOf(rt, ID))?.state).toBe('waiting');

    // Without the pause this would be past the resolution target (168 h): nothing while paused.
    expect(await runAt(rt, 300)).toBe(0);
    await stepTicket(rt, ID, (t) => reporterReply(t, '补充了照片', rt.clock.now()));
    // 100 h used before the pause; the warning at 126 h is 26 h after the student answered.
    expect(await runAt(rt, 325.9)).toBe(0);
    expect(await runAt(rt, 326)).toBe(1);
    expect(textsTo(rt, 'ou_member_rights')[0]).toContain('已用 126 小时 / 168 小时');
    expect(await runAt(rt, 367.9)).toBe(0);
    expect(await runAt(rt, 368)).toBe(1);
    expect(textsTo(rt, 'oc_league')).toHaveLength(1);
    const t = await ticketOf(rt, ID);
    expect(t?.pauses).toEqual([
      {
        from: new Date(Date.parse(FILED) + 100 * HOUR).toISOString(),
        to: new Date(Date.parse(FILED) + 300 * HOUR).toISOString(),
      },
    ]);
  });

  it('gives no notice while the ticket waits, even one already due, and gives it once the student answers', async () => {
    const rt = await runtime();
    await fileTicket(rt);
    clockOf(rt).set(new Date(Date.parse(FILED) + HOUR));
    await answer(rt, ID);
    // Asked at 130 h, past the 75 % mark (126 h), before the job saw it.
    clockOf(rt).set(new Date(Date.parse(FILED) + 130 * HOUR));
    await answer(rt, ID, true);
    expect(await runAt(rt, 131)).toBe(0);
    expect(await runAt(rt, 250)).toBe(0);
    await stepTicket(rt, ID, (t) => reporterReply(t, '补充了照片', rt.clock.now()));
    expect(await runAt(rt, 250.1)).toBe(1);
    expect(textsTo(rt, 'ou_member_rights')[0]).toContain('已用 130 小时 / 168 小时');
  });

  it('counts working hours past a public holiday and into a 调休 Saturday', async () => {
    // Wednesday 30 September 16:00; 国庆 1–7 October off; Saturday 10 October a make-up workday.
    const rt = await runtime('grievances: { hours: working }', '2026-09-30T08:00:00.000Z');
    await fileTicket(rt);
    const runOn = async (utc: string) => {
      clockOf(rt).set(utc);
      return runEscalation(rt);
    };
    expect(await runOn('2026-10-01T08:00:00.000Z')).toBe(0); // 24 calendar hours, 2 working hours
    expect(await runOn('2026-10-08T01:00:00.000Z')).toBe(0); // 8 October 09:00: 3 working hours
    expect(await runOn('2026-10-09T05:50:00.000Z')).toBe(0); // 9 October 13:50
    expect(await runOn('2026-10-09T06:00:00.000Z')).toBe(1); // 14:00: 2 + 10 + 6 = 18
    expect(textsTo(rt, 'oc_rights')).toEqual([
      '诉求 Q-2026-0001（宿舍，权益部）快到首次回复时限了：已用 18 小时 / 24 小时（按工作时间计），还剩 6 小时。请尽快回复同学。 截止 2026-10-10 10:00。',
    ]);
    expect(await runOn('2026-10-10T01:50:00.000Z')).toBe(0); // Saturday 09:50
    expect(await runOn('2026-10-10T02:00:00.000Z')).toBe(2); // Saturday 10:00: breached
    expect(textsTo(rt, 'ou_head_rights')[0]).toContain('已超过首次回复时限');
  });

  it('closes a resolved ticket nobody rated after 7 days, telling nobody', async () => {
    const rt = await runtime();
    await fileTicket(rt);
    clockOf(rt).set(new Date(Date.parse(FILED) + 2 * HOUR));
    await resolveTicket(rt, ID);
    rt.sender.sent.length = 0;

    await runAt(rt, 2 + 7 * 24 - 0.1);
    expect((await ticketOf(rt, ID))?.state).toBe('resolved');
    await runAt(rt, 2 + 7 * 24);
    const t = await ticketOf(rt, ID);
    expect(t?.state).toBe('closed');
    expect(t?.trail.at(-1)).toMatchObject({ by: 'system', action: 'closed', note: 'unrated' });
    expect((await rt.bot.services.repos.tickets.active()).map((x) => x.id)).toEqual([]);
    expect(rt.sender.sent).toEqual([]);
  });

  it('never puts the text or the reporter into a message or a log line', async () => {
    const rt = await runtime();
    const lines: string[] = [];
    const log = pino({ level: 'debug' }, { write: (s: string) => void lines.push(s) });
    const anonymous = await fileTicket(rt, { anonymous: true, category: 'safety' });
    const named = await fileTicket(rt, { anonymous: false });
    clockOf(rt).set(new Date(Date.parse(FILED) + 200 * HOUR));
    await runJobOnce({ ...rt.bot.services, log }, grievanceEscalation, '2026-11-24T17:00', rt.clock.now());
    await rt.settle();

    const sent = sentLines(rt).join('\n');
    expect(sent).toContain(`诉求 ${anonymous.id}（安全，权益部）已超过首次回复时限`);
    expect(sent).toContain(`诉求 ${named.id}（宿舍，权益部）已超过办结时限`);
    expect(lines.join('\n')).toContain('grievance-escalation');
    for (const secret of [TICKET_TEXT, REPORTER, REPORTER_NAME, anonymous.sealed ?? 'sealed']) {
      expect(sent).not.toContain(secret);
      expect(lines.join('\n')).not.toContain(secret);
      expect(JSON.stringify(rt.sender.sent)).not.toContain(secret);
    }
  });

  it('sends a notice once when two runs go at the same moment (memory)', async () => {
    const rt = await runtime();
    await fileTicket(rt);
    clockOf(rt).set(new Date(Date.parse(FILED) + 18 * HOUR));
    await Promise.all([
      runJobOnce(rt.bot.services, grievanceEscalation, '2026-11-17T03:00', rt.clock.now()),
      runJobOnce(rt.bot.services, grievanceEscalation, '2026-11-17T03:10', rt.clock.now()),
    ]);
    await rt.settle();
    expect(rt.sender.sent).toHaveLength(1);
    expect((await ticketOf(rt, ID))?.trail.filter((e) => e.action === 'warned')).toHaveLength(1);
  });
});

describe('the grievance-escalation job on Redis', () => {
  it('sends each notice once when two replicas run at the same moment', async () => {
    const prefix = redisPrefix('sla');
    const a = await redisRuntime(prefix, { org: slaOrg(), now: FILED });
    const b = await redisRuntime(prefix, { org: slaOrg(), now: FILED });
    await fileTicket(a, { category: 'safety' });
    const at = new Date(Date.parse(FILED) + 2 * HOUR);
    clockOf(a).set(at);
    clockOf(b).set(at);
    await Promise.all([
      runJobOnce(a.bot.services, grievanceEscalation, '2026-11-16T11:00', at),
      runJobOnce(b.bot.services, grievanceEscalation, '2026-11-16T11:00', at),
      runJobOnce(a.bot.services, grievanceEscalation, '2026-11-16T11:10', at),
      runJobOnce(b.bot.services, grievanceEscalation, '2026-11-16T11:10', at),
    ]);
    await a.settle();
    await b.settle();
    const heads = [...textsTo(a, 'ou_head_rights'), ...textsTo(b, 'ou_head_rights')];
    expect(heads).toHaveLength(1);
    expect(heads[0]).toContain('（安全，权益部）已超过首次回复时限');
    expect((await ticketOf(a, ID))?.notices).toEqual(['first:breach']);
  });
});
