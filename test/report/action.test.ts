import { describe, expect, it } from 'vitest';
import type { CardActionResponse } from '../../src/bot/envelope.ts';
import { renderCardText } from '../../src/cards/render-text.ts';
import { makeCardAction, plainRequest } from '../helpers/fixtures.ts';
import { redisPrefix, redisRuntime } from '../helpers/redis.ts';
import { type TestRuntime, testRuntime } from '../helpers/test-runtime.ts';
import { reportOrg, sentTo } from './helpers.ts';

const NOW = '2026-11-20T02:00:00Z';
const SEND = { a: 'report.send', m: '2026-11', v: 1 };

async function click(rt: TestRuntime, operatorOpenId: string, eventId?: string): Promise<CardActionResponse> {
  const res = await rt.app.request(
    '/lark/events',
    plainRequest(makeCardAction({ value: SEND, operatorOpenId, ...(eventId ? { eventId } : {}) })),
  );
  expect(res.status).toBe(200);
  return (await res.json()) as CardActionResponse;
}

/** Cards that went to the League committee (both of its people). */
function toCommittee(rt: TestRuntime) {
  return [
    ...sentTo(rt.sender.sent, 'ou_league_committee'),
    ...sentTo(rt.sender.sent, 'ou_league_committee_2'),
  ];
}

describe('the report.send button', () => {
  it('sends once however often it is clicked; the second click is told who sent it', async () => {
    const rt = await testRuntime({ org: reportOrg(), now: NOW });
    const first = await click(rt, 'ou_presidium_1');
    expect(first.toast).toEqual({ type: 'success', content: '已报送校团委' });
    const updated = renderCardText(first.card?.data);
    expect(updated.text).toContain('（已报送）');
    expect(updated.text).toContain('由 陈主席 报送校团委');
    expect(updated.buttons).toEqual([]);

    const second = await click(rt, 'ou_presidium_2');
    expect(second.toast?.type).toBe('warning');
    expect(second.toast?.content).toContain('已于 2026-11-20 10:00 由 陈主席 报送');
    expect(renderCardText(second.card?.data).text).toContain('由 陈主席 报送校团委');

    await rt.settle();
    expect(toCommittee(rt)).toHaveLength(2); // one card to each of the two people
    expect(new Set(toCommittee(rt).map((m) => (m.kind === 'send' ? m.to.id : '')))).toEqual(
      new Set(['ou_league_committee', 'ou_league_committee_2']),
    );
  });

  it('sends once when the same callback is delivered twice', async () => {
    const rt = await testRuntime({ org: reportOrg(), now: NOW });
    const a = await click(rt, 'ou_presidium_1', 'ev_same_click');
    const b = await click(rt, 'ou_presidium_1', 'ev_same_click');
    expect(a.toast?.type).toBe('success');
    expect(b.toast).toEqual(a.toast);
    await rt.settle();
    expect(toCommittee(rt)).toHaveLength(2);
  });

  it('refuses a forged click by someone outside the presidium and changes nothing', async () => {
    const rt = await testRuntime({ org: reportOrg(), now: NOW });
    const before = rt.memory!.snapshot();
    const res = await click(rt, 'ou_head_office', 'ev_forged');
    expect(res.toast).toEqual({ type: 'error', content: '只有主席团可以报送工作报告。' });
    expect(res.card).toBeUndefined();
    const after = rt.memory!.snapshot();
    // Only the engine's marker that this callback was handled; no record, no message.
    const { 'sub:done:card:ev_forged:end': marker, ...rest } = after;
    expect(marker).toBeDefined();
    expect(rest).toEqual(before);
    await rt.settle();
    expect(rt.sender.sent).toEqual([]);
  });

  it('refuses a value that is not a month', async () => {
    const rt = await testRuntime({ org: reportOrg(), now: NOW });
    const before = rt.memory!.snapshot();
    const res = await rt.app.request(
      '/lark/events',
      plainRequest(
        makeCardAction({ value: { a: 'report.send', m: '2026-13', v: 1 }, operatorOpenId: 'ou_presidium_1' }),
      ),
    );
    expect(((await res.json()) as CardActionResponse).toast?.type).toBe('error');
    expect(rt.memory!.snapshot()).toEqual(before);
  });
});

describe('the report.send button on Redis', () => {
  it('sends once when two presidium members click at the same moment', async () => {
    const prefix = redisPrefix('report');
    const rt = await redisRuntime(prefix, { org: reportOrg(), now: NOW });
    const { store } = rt;

    const answers = await Promise.all([click(rt, 'ou_presidium_1'), click(rt, 'ou_presidium_2')]);
    expect(answers.map((a) => a.toast?.type).sort()).toEqual(['success', 'warning']);
    const warned = answers.find((a) => a.toast?.type === 'warning');
    const winner = answers.find((a) => a.toast?.type === 'success');
    const winnerName = renderCardText(winner?.card?.data).text.includes('由 陈主席') ? '陈主席' : '林副主席';
    expect(warned?.toast?.content).toContain(`由 ${winnerName} 报送`);

    await rt.settle();
    expect(toCommittee(rt)).toHaveLength(2);
    const raw = await store.get(`${prefix}report:2026-11`);
    expect(JSON.parse(raw ?? 'null')).toMatchObject({ month: '2026-11', sentBy: { name: winnerName } });
  });
});
