import { randomUUID } from 'node:crypto';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { encryptEvent } from '../../src/bot/crypto.ts';
import { encryptedRequest, makeCardAction, makeMessageEvent } from '../helpers/fixtures.ts';
import { actionValues, eventually, FakeFeishu, type FeishuCall } from './fake-feishu.ts';
import { buildWorkerBundle, WORKER_OPTIONS } from './miniflare.ts';

const KEY = 'worker encrypt key';
const URL_EVENTS = 'https://bot.example.workers.dev/lark/events';

// Generous: on a loaded CI machine with the rest of the suite, workerd shares two cores.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

let mf: Miniflare;
const feishu = new FakeFeishu();

beforeAll(async () => {
  // What is deployed: `npm run build:worker`'s bundle, with this test's org file.
  const scriptPath = buildWorkerBundle('test/worker/org.e2e.yaml');
  mf = new Miniflare({
    ...WORKER_OPTIONS,
    scriptPath,
    durableObjects: { UNION_BOT: { className: 'UnionBot', useSQLite: true } },
    bindings: {
      LARK_APP_ID: 'cli_0123456789abcdef',
      LARK_APP_SECRET: 'secret',
      LARK_ENCRYPT_KEY: KEY,
      LARK_VERIFICATION_TOKEN: 'vtoken',
      LOG_LEVEL: 'error',
    },
    outboundService: feishu.handle,
  });
});

afterAll(async () => {
  await mf?.dispose();
});

/** Posts an event as Feishu does: encrypted and signed. */
async function post(payload: unknown): Promise<Response> {
  const res = await mf.dispatchFetch(URL_EVENTS, encryptedRequest(payload, KEY));
  expect(res.status).toBe(200);
  return res;
}

async function click(operator: string, value: unknown, form?: Record<string, unknown>) {
  const res = await post(
    makeCardAction({
      operatorOpenId: operator,
      value,
      messageId: `om_card_${randomUUID()}`,
      ...(form ? { formValue: form } : {}),
    }),
  );
  return (await res.json()) as { toast?: { type: string; content: string } };
}

function applicationForm(n: number, first: string) {
  return {
    name: `学生${n}`,
    studentNo: String(2024000000 + n),
    college: 'cs',
    className: '计科2401',
    political: '共青团员',
    first,
    reason: '想为同学服务',
    phone: '13800138000',
  };
}

/** The button values of the cards sent to `openId` for stage `stage` (one per application). */
function decisionsFor(openId: string, stage: number): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const call of feishu.to(openId)) {
    for (const v of actionValues(call.body.content)) {
      if (v.a === 'application.decide' && v.stage === stage && v.d === 'approve') out.set(String(v.id), v);
    }
  }
  return out;
}

/** Sends /help and waits for its answer: the alarm handles queues in order, so whatever was queued before has been sent. */
async function helpRoundTrip(from: string): Promise<FeishuCall> {
  const chatId = `oc_${randomUUID()}`;
  await post(makeMessageEvent({ text: '/help', senderOpenId: from, chatId }));
  return eventually(() => feishu.to(chatId)[0], 'the /help answer');
}

describe('the Workers bundle in Miniflare, Feishu faked through outboundService', () => {
  it('answers an encrypted url_verification challenge with the plain challenge, within a second on a new object', async () => {
    // The script itself loaded (workerd's cold start, not the bot's), the object still new:
    // building the bot on its first request asks Feishu for its identity, slow here.
    expect((await mf.dispatchFetch('https://bot.example.workers.dev/__worker/tick')).status).toBe(404);
    feishu.firstBotInfoDelayMs = 2_000;
    const started = Date.now();
    const body = JSON.stringify({
      encrypt: encryptEvent(
        JSON.stringify({ challenge: 'c-123', token: 'vtoken', type: 'url_verification' }),
        KEY,
      ),
    });
    const res = await mf.dispatchFetch(URL_EVENTS, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c-123' });
    expect(Date.now() - started).toBeLessThan(1_000);
    // A wrong token is refused the same way.
    const wrong = await mf.dispatchFetch(URL_EVENTS, {
      method: 'POST',
      body: JSON.stringify({
        encrypt: encryptEvent(
          JSON.stringify({ challenge: 'c', token: 'nope', type: 'url_verification' }),
          KEY,
        ),
      }),
      headers: { 'content-type': 'application/json' },
    });
    expect(wrong.status).toBe(403);
  });

  it('refuses an unsigned event, and keeps its internal paths from the internet', async () => {
    const res = await mf.dispatchFetch(URL_EVENTS, {
      method: 'POST',
      body: JSON.stringify({ encrypt: encryptEvent(JSON.stringify(makeMessageEvent()), KEY) }),
    });
    expect(res.status).toBe(401);
    expect(
      (await mf.dispatchFetch('https://bot.example.workers.dev/__worker/tick', { method: 'POST' })).status,
    ).toBe(404);
    expect(await (await mf.dispatchFetch('https://bot.example.workers.dev/readyz')).json()).toEqual({
      ok: true,
      store: 'durable-object',
    });
  });

  it('answers /help', async () => {
    await post(makeMessageEvent({ text: '/help', senderOpenId: 'ou_student_1', chatId: 'oc_help_1' }));
    const [answer] = await eventually(() => {
      const sent = feishu.to('oc_help_1');
      return sent.length > 0 && sent;
    }, 'the answer to /help');
    expect(answer?.query).toEqual({ receive_id_type: 'chat_id' });
    expect(answer?.body.msg_type).toBe('interactive');
    expect(String(answer?.body.content)).toContain('测试大学学生会助手');
    expect(answer?.body.uuid).toEqual(expect.any(String));
  });

  it('takes an application through the recommendation and the panel', async () => {
    const submitted = await click(
      'ou_applicant_1',
      { a: 'application.submit', v: 1 },
      applicationForm(1, 'academic'),
    );
    expect(submitted.toast?.type).toBe('success');
    const [recommend] = await eventually(() => {
      const d = [...decisionsFor('ou_league_cs', 0).values()];
      return d.length > 0 && d;
    }, 'the League branch card');

    const r1 = await click('ou_league_cs', recommend, { comment: '表现突出' });
    expect(r1.toast?.type).toBe('success');
    const panel = await eventually(
      () => decisionsFor('ou_league_committee', 1).get(String(recommend?.id)),
      'the panel card',
    );

    const r2 = await click('ou_league_committee', panel, { written: '88', interview: '92' });
    expect(r2.toast?.type).toBe('success');
    await eventually(
      () => feishu.to('ou_applicant_1').some((c) => String(c.body.content).includes('学术部')),
      'the applicant hearing of the seat',
    );
  });

  it('sends a due reminder on the cron tick, once however often the trigger fires', async () => {
    // Miniflare's Fetcher type comes from workers-types, which this project does not load.
    const worker = (await mf.getWorker()) as unknown as {
      scheduled(o: { cron: string; scheduledTime: Date }): Promise<unknown>;
    };
    // study-meeting-reminder, whose cron the org file sets to every minute (its period is the month).
    const reminded = (openId: string) =>
      feishu.to(openId).filter((c) => String(c.body.content).includes('请至少召开一次学习会'));
    const reminders = () => reminded('ou_presidium_1');
    // One second after a minute's slot: a tick well past its slot is late, and a late
    // reminder of November gives way to the follow-up of the 20th (so it depended on the second).
    const slot = new Date(Math.ceil((Date.now() + 1_000) / 60_000) * 60_000 + 1_000);
    await worker.scheduled({ cron: '* * * * *', scheduledTime: slot });
    await eventually(() => reminders().length > 0, 'the study meeting reminder');
    await worker.scheduled({ cron: '* * * * *', scheduledTime: slot });
    await helpRoundTrip('ou_student_2');
    expect(reminders()).toHaveLength(1);
    expect(reminded('ou_leader_cs')).toHaveLength(1);
  });

  it('seats exactly 9 of 50 applicants approved by the panel at once', async () => {
    const applicants = Array.from({ length: 50 }, (_, i) => i + 100);
    const before = decisionsFor('ou_league_cs', 0).size;
    await Promise.all(
      applicants.map((n) =>
        click(`ou_applicant_${n}`, { a: 'application.submit', v: 1 }, applicationForm(n, 'sports')),
      ),
    );
    const recommends = await eventually(() => {
      const d = [...decisionsFor('ou_league_cs', 0).values()];
      return d.length === before + 50 && d.slice(before);
    }, '50 League branch cards');
    await Promise.all(recommends.map((v) => click('ou_league_cs', v)));
    const panels = await eventually(() => {
      const d = recommends.map((v) => decisionsFor('ou_league_committee', 1).get(String(v.id)));
      return d.every(Boolean) && (d as Record<string, unknown>[]);
    }, '50 panel cards');

    const answers = await Promise.all(
      panels.map((v) => click('ou_league_committee', v, { written: '80', interview: '80' })),
    );
    expect(answers.filter((a) => a.toast?.type === 'success')).toHaveLength(9);
  });
});
