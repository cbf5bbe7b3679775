import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import type { CardActionResponse } from '../../src/bot/envelope.ts';
import { renderCardText } from '../../src/cards/render-text.ts';
import { loadEnv } from '../../src/config/env.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import {
  fakeLark,
  type RecordedRequest,
  recordMessages,
  recordRequests,
  TEST_APP_ID,
} from '../helpers/fake-lark.ts';
import { encryptedRequest, makeCardAction } from '../helpers/fixtures.ts';
import { decide, load, reviewOrg, submit } from './review-helpers.ts';

const BASE = 'http://lark.chain.test';
const KEY = 'chain encrypt key';
const NOW = new Date('2026-11-20T02:00:00Z');

afterEach(() => {
  nock.cleanAll();
});

/** The production wiring with credentials; Feishu is nock. */
async function liveRuntime(): Promise<Runtime> {
  fakeLark(BASE);
  recordRequests(BASE, '/open-apis/bot/v3/info', () => ({
    body: { code: 0, msg: 'ok', bot: { open_id: 'ou_the_bot', app_name: '学生会助手' } },
  }));
  return createRuntime({
    env: loadEnv({
      LARK_APP_ID: TEST_APP_ID,
      LARK_APP_SECRET: 'secret',
      LARK_DOMAIN: BASE,
      LARK_ENCRYPT_KEY: KEY,
      LARK_VERIFICATION_TOKEN: 'vtoken',
    }),
    org: reviewOrg(),
    log: silentLogger(),
    clock: fixedClock(NOW),
    store: new MemoryStore(),
  });
}

/** A signed, encrypted card callback, as Feishu posts it. */
async function clickCard(
  rt: Runtime,
  o: { operator: string; value: unknown; messageId: string; form?: Record<string, unknown> },
): Promise<CardActionResponse> {
  const payload = makeCardAction({
    value: o.value,
    operatorOpenId: o.operator,
    messageId: o.messageId,
    ...(o.form ? { formValue: o.form } : {}),
  });
  const res = await rt.app.request(
    '/lark/events',
    encryptedRequest(payload, KEY, { timestamp: String(Math.floor(NOW.getTime() / 1000)) }),
  );
  expect(res.status).toBe(200);
  return (await res.json()) as CardActionResponse;
}

async function drain(rt: Runtime) {
  while ((await rt.inbox.drain()) + (await rt.outbox.drain()) > 0) {
    // sending may queue nothing more; loop until both are empty
  }
}

const created = (reqs: RecordedRequest[]) => reqs.filter((r) => r.method === 'POST');
const patched = (reqs: RecordedRequest[]) => reqs.filter((r) => r.method === 'PATCH');
const to = (reqs: RecordedRequest[], id: string) => created(reqs).filter((r) => r.body.receive_id === id);
const contentOf = (r: RecordedRequest | undefined) => JSON.parse(String(r?.body.content ?? '{}'));
const postText = (r: RecordedRequest | undefined) =>
  (contentOf(r).zh_cn?.content ?? [])
    .map((p: { text: string }[]) => p.map((n) => n.text).join(''))
    .join('\n');

/** Message ids Feishu gave the cards sent to `openId` (the fake answers `om_<n>`). */
function idsOf(reqs: RecordedRequest[], all: RecordedRequest[], openId: string): string[] {
  return to(reqs, openId).map((r) => `om_${all.indexOf(r)}`);
}

describe('the vetting chain end to end over HTTP, Feishu faked', () => {
  it('recommend → agree → panel with scores → public notice', async () => {
    const rt = await liveRuntime();
    const api = recordMessages(BASE);
    const step = () => api.requests.slice(seen);
    let seen = 0;

    // The applicant files; the college's League branch gets the approval card.
    const app = await submit(rt);
    await drain(rt);
    let reqs = step();
    expect(reqs).toHaveLength(1);
    expect(reqs[0]).toMatchObject({
      method: 'POST',
      path: '/open-apis/im/v1/messages',
      query: { receive_id_type: 'open_id' },
      body: { receive_id: 'ou_league_cs', msg_type: 'interactive' },
    });
    const card0 = contentOf(reqs[0]);
    expect(card0).toMatchObject({ schema: '2.0', config: { update_multi: true } });
    expect(renderCardText(card0).text).toContain('院系团组织推荐');
    const [leagueCard] = idsOf(reqs, api.requests, 'ou_league_cs');
    seen = api.requests.length;

    // 1. The League branch recommends.
    const r1 = await clickCard(rt, {
      operator: 'ou_league_cs',
      value: decide(app.id, 0, 'approve'),
      messageId: leagueCard!,
      form: { comment: '表现突出' },
    });
    expect(r1.toast).toEqual({ type: 'success', content: '已同意，已通知下一环节和申请人' });
    expect(r1.card?.data).toMatchObject({ schema: '2.0', config: { update_multi: true } });
    expect(renderCardText(r1.card?.data).text).toContain('王老师（院系团组织推荐）同意');
    expect(renderCardText(r1.card?.data).buttons).toEqual([]);
    await drain(rt);
    reqs = step();
    expect(patched(reqs)).toEqual([]); // the only copy was answered inline
    expect(postText(to(reqs, 'ou_applicant')[0])).toContain('已通过院系团组织推荐，下一步：院系党组织审核');
    expect(to(reqs, 'ou_party_cs')).toHaveLength(1);
    expect(renderCardText(contentOf(to(reqs, 'ou_party_cs')[0])).buttons[0]?.value).toEqual(
      decide(app.id, 1, 'approve'),
    );
    expect(created(reqs)).toHaveLength(2);
    const [partyCard] = idsOf(reqs, api.requests, 'ou_party_cs');
    seen = api.requests.length;

    // 2. The Party committee agrees; both League committee members get the panel card.
    const r2 = await clickCard(rt, {
      operator: 'ou_party_cs',
      value: decide(app.id, 1, 'approve'),
      messageId: partyCard!,
    });
    expect(r2.toast?.type).toBe('success');
    await drain(rt);
    reqs = step();
    expect(postText(to(reqs, 'ou_applicant')[0])).toContain('下一步：校团委遴选');
    const panelCards = [...to(reqs, 'ou_league_committee'), ...to(reqs, 'ou_league_committee_2')];
    expect(panelCards).toHaveLength(2);
    const panelView = renderCardText(contentOf(panelCards[0]));
    expect(panelView.buttons[0]?.form?.fields.map((f) => f.name)).toEqual([
      'written',
      'interview',
      'comment',
    ]);
    const [mine] = idsOf(reqs, api.requests, 'ou_league_committee_2');
    const [theirs] = idsOf(reqs, api.requests, 'ou_league_committee');
    seen = api.requests.length;

    // 3. The panel scores and approves: seat, notice, every other copy updated.
    const r3 = await clickCard(rt, {
      operator: 'ou_league_committee_2',
      value: decide(app.id, 2, 'approve'),
      messageId: mine!,
      form: { written: '88', interview: '92' },
    });
    expect(r3.toast).toEqual({ type: 'success', content: '已通过遴选：学术部，进入公示' });
    expect(renderCardText(r3.card?.data).text).toContain(
      '许老师（校团委遴选）同意（笔试 88 分，面试 92 分）',
    );
    await drain(rt);
    reqs = step();
    expect(patched(reqs).map((r) => r.path)).toEqual([`/open-apis/im/v1/messages/${theirs}`]);
    const patchedCard = contentOf(patched(reqs)[0]);
    expect(patchedCard).toMatchObject({ schema: '2.0', config: { update_multi: true } });
    expect(renderCardText(patchedCard).text).toContain('许老师');
    expect(renderCardText(patchedCard).buttons).toEqual([]);
    expect(postText(to(reqs, 'ou_applicant')[0])).toContain(
      '拟录取到学术部（笔试 88 分，面试 92 分）。现进入公示，公示至 2026-11-25 10:00',
    );
    expect(to(reqs, 'oc_announce')).toHaveLength(1);
    expect(JSON.stringify(contentOf(to(reqs, 'oc_announce')[0]))).not.toContain('13800138000');

    const final = await load(rt, app.id);
    expect(final).toMatchObject({
      state: 'notice',
      department: 'academic',
      scores: { written: 88, interview: 92 },
    });
    expect(await rt.store.smembers(rt.keys.seats('academic'))).toEqual(['ou_applicant']);

    // 4. The other committee member's click on the updated card is stale.
    seen = api.requests.length;
    const r4 = await clickCard(rt, {
      operator: 'ou_league_committee',
      value: decide(app.id, 2, 'approve'),
      messageId: theirs!,
      form: { written: '60', interview: '60' },
    });
    expect(r4.toast?.type).toBe('warning');
    expect(r4.toast?.content).toContain('许老师');
    expect(r4.toast?.content).toContain('11-20 10:00');
    await drain(rt);
    expect(step()).toEqual([]);
    await rt.close();
  });
});
