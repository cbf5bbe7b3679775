import { describe, expect, it } from 'vitest';
import { renderCardText } from '../../src/cards/render-text.ts';
import { encryptedRequest, makeCardAction, makeMessageEvent, plainRequest } from '../helpers/fixtures.ts';
import { testRuntime } from '../helpers/test-runtime.ts';

async function helpFor(openId: string) {
  const rt = await testRuntime();
  await rt.app.request(
    '/lark/events',
    plainRequest(makeMessageEvent({ senderOpenId: openId, text: '/帮助' })),
  );
  await rt.settle();
  const [card] = rt.sender.cards();
  return { rt, card: renderCardText(card) };
}

describe('/help', () => {
  it('shows a student only the commands anyone may use', async () => {
    const { card } = await helpFor('ou_student_1');
    expect(card.text).toContain('/我是谁');
    expect(card.text).not.toContain('/用量');
    expect(card.buttons.map((b) => b.label)).toEqual(['通用', '招新与任用']);
    expect(card.text).not.toContain('/待办');
  });

  it("addresses staff as 老师 and offers them no student's commands (/申请, /撤回)", async () => {
    const { rt, card } = await helpFor('ou_league_cs');
    expect(card.text).toContain('你好，王老师');
    expect(card.text).not.toContain('同学');
    const section = await rt.app.request(
      '/lark/events',
      plainRequest(
        makeCardAction({
          value: { a: 'help.section', s: 'recruitment', v: 1 },
          operatorOpenId: 'ou_league_cs',
        }),
      ),
    );
    const shown = renderCardText(
      ((await section.json()) as { card: { data: Record<string, unknown> } }).card.data,
    );
    expect(shown.text).toContain('/待办');
    expect(shown.text).not.toContain('/申请');
    expect(shown.text).not.toContain('/撤回');
  });

  it('lists staff roles without 同学 in /whoami', async () => {
    const rt = await testRuntime();
    await rt.app.request(
      '/lark/events',
      plainRequest(makeMessageEvent({ senderOpenId: 'ou_league_cs', text: '/我是谁' })),
    );
    await rt.settle();
    const [reply] = rt.sender.texts();
    expect(reply).toContain('身份：院团组织');
    expect(reply).not.toContain('同学');
  });

  it('shows an admin the admin section too, with examples in the section', async () => {
    const { rt, card } = await helpFor('ou_admin');
    expect(card.text).toContain('/用量');
    expect(card.text).toContain('管理员');
    const admin = card.buttons.find((b) => b.label === '管理');
    expect(admin?.value).toEqual({ a: 'help.section', s: 'admin', v: 1 });
    const res = await rt.app.request(
      '/lark/events',
      plainRequest(makeCardAction({ value: admin?.value, operatorOpenId: 'ou_admin' })),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { card: { type: string; data: { schema: string } } };
    expect(body.card.type).toBe('raw');
    expect(body.card.data.schema).toBe('2.0');
    const section = renderCardText(body.card.data);
    expect(section.text).toContain('/用量 2026-10');
    expect(section.buttons.map((b) => b.label)).toEqual(['返回目录']);
  });

  it('rebuilds a section for whoever clicks, from their own roles', async () => {
    const rt = await testRuntime();
    const res = await rt.app.request(
      '/lark/events',
      plainRequest(
        makeCardAction({ value: { a: 'help.section', s: 'admin', v: 1 }, operatorOpenId: 'ou_student_1' }),
      ),
    );
    const body = (await res.json()) as { card: { data: unknown } };
    const text = renderCardText(body.card.data).text;
    expect(text).not.toContain('/用量');
    expect(text).toContain('暂时没有你可以使用的命令');
  });

  it('answers a signed, encrypted card callback inline', async () => {
    const rt = await testRuntime({ env: { LARK_ENCRYPT_KEY: 'k' } });
    const res = await rt.app.request(
      '/lark/events',
      encryptedRequest(makeCardAction({ value: { a: 'help.section', s: 'index', v: 1 } }), 'k'),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { card?: { data: unknown } };
    expect(renderCardText(body.card?.data).text).toContain('测试大学学生会助手');
  });

  it.each([
    ['an unknown action', { a: 'nope.nothing', v: 1 }, '这个按钮暂不可用'],
    ['a forged value', { a: 'help.section', s: 'secrets', v: 1 }, '这个按钮已失效'],
    ['a value that is not an object', 'help.section', '这个按钮暂不可用'],
  ])('refuses %s with a toast and changes nothing', async (_name, value, toast) => {
    const rt = await testRuntime();
    const before = rt.memory!.snapshot();
    const res = await rt.app.request('/lark/events', plainRequest(makeCardAction({ value })));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { toast?: { type: string; content: string }; card?: unknown };
    expect(body.toast?.type).toBe('error');
    expect(body.toast?.content).toContain(toast);
    expect(body.card).toBeUndefined();
    expect(rt.memory!.snapshot()).toEqual(before);
  });
});
