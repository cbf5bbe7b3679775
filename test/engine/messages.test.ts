import { describe, expect, it } from 'vitest';
import { LOCAL_BOT } from '../../src/bot/bot-identity.ts';
import type { InboxEntry } from '../../src/bot/inbox-entry.ts';
import { contextFor } from '../helpers/context.ts';
import { makeMessageEvent, plainRequest } from '../helpers/fixtures.ts';
import { testRuntime } from '../helpers/test-runtime.ts';

const BOT = LOCAL_BOT.openId;
const atBot = { key: '@_user_1', openId: BOT, name: '学生会助手' };

async function deliver(event: ReturnType<typeof makeMessageEvent>) {
  const rt = await testRuntime();
  const res = await rt.app.request('/lark/events', plainRequest(event));
  expect(res.status).toBe(200);
  await rt.settle();
  return rt;
}

describe('which messages the bot answers', () => {
  it('answers a command in p2p without a mention', async () => {
    const rt = await deliver(makeMessageEvent({ text: '/help' }));
    expect(rt.sender.cards()).toHaveLength(1);
    expect(rt.sender.sent[0]).toMatchObject({ kind: 'send', to: { type: 'chat_id', id: 'oc_p2p_1' } });
  });

  it('ignores a group message that does not @ the bot', async () => {
    const rt = await deliver(makeMessageEvent({ chatType: 'group', text: '/help' }));
    expect(rt.sender.sent).toHaveLength(0);
  });

  it('ignores a group message that @s someone else', async () => {
    const rt = await deliver(
      makeMessageEvent({
        chatType: 'group',
        text: '@_user_1 /help',
        mentions: [{ key: '@_user_1', openId: 'ou_someone_else' }],
      }),
    );
    expect(rt.sender.sent).toHaveLength(0);
  });

  it('ignores @所有人', async () => {
    const rt = await deliver(
      makeMessageEvent({
        chatType: 'group',
        text: '@_all /help',
        mentions: [{ key: '@_all', openId: '' }],
      }),
    );
    expect(rt.sender.sent).toHaveLength(0);
  });

  it('answers in a group when @-mentioned, as a reply to the message', async () => {
    const rt = await deliver(
      makeMessageEvent({ chatType: 'group', messageId: 'om_g1', text: '@_user_1 /help', mentions: [atBot] }),
    );
    expect(rt.sender.sent).toHaveLength(1);
    expect(rt.sender.sent[0]).toMatchObject({ kind: 'reply', messageId: 'om_g1', chatId: 'oc_group_1' });
  });

  it('ignores messages from bots and from itself', async () => {
    const fromApp = await deliver(makeMessageEvent({ senderType: 'app', text: '/help' }));
    const fromSelf = await deliver(makeMessageEvent({ senderOpenId: BOT, text: '/help' }));
    expect(fromApp.sender.sent).toHaveLength(0);
    expect(fromSelf.sender.sent).toHaveLength(0);
  });

  it('accepts a full-width slash and a Chinese alias', async () => {
    const rt = await deliver(makeMessageEvent({ text: '／帮助' }));
    expect(rt.sender.cards()).toHaveLength(1);
  });

  it('reads the text of a post message', async () => {
    const content = JSON.stringify({ title: '', content: [[{ tag: 'text', text: '/我是谁' }]] });
    const rt = await deliver(makeMessageEvent({ messageType: 'post', content }));
    expect(rt.sender.texts()[0]).toContain('同学');
  });

  it('gives a short hint for an unknown command', async () => {
    const rt = await deliver(makeMessageEvent({ text: '/frobnicate now' }));
    expect(rt.sender.texts()).toEqual(['没有 /frobnicate 这个命令。发送 /帮助 查看可用命令。']);
  });

  it('echoes an unknown command of 11,000 characters cut short, so the hint is delivered', async () => {
    const rt = await deliver(makeMessageEvent({ text: `/${'x'.repeat(11_000)}` }));
    const [hint] = rt.sender.texts();
    expect(hint).toContain(`/${'x'.repeat(40)}…`);
    expect(hint?.length).toBeLessThan(200);
  });

  it('greets plain text in p2p with a pointer to /help', async () => {
    const rt = await deliver(makeMessageEvent({ text: '你好' }));
    expect(rt.sender.texts()[0]).toContain('/帮助');
  });

  it('refuses a command the person may not use, naming it', async () => {
    const rt = await deliver(makeMessageEvent({ text: '/用量' }));
    expect(rt.sender.texts()).toEqual(['你没有使用 /用量 的权限。发送 /帮助 查看你可以使用的命令。']);
  });

  it('continues a command that shows personal data in p2p when used in a group', async () => {
    const rt = await deliver(
      makeMessageEvent({
        chatType: 'group',
        senderOpenId: 'ou_league_cs',
        text: '@_user_1 /whoami',
        mentions: [atBot],
      }),
    );
    expect(rt.sender.sent).toHaveLength(2);
    expect(rt.sender.sent[0]).toMatchObject({ kind: 'reply', chatId: 'oc_group_1' });
    expect(rt.sender.texts()[0]).toContain('私信');
    expect(rt.sender.sent[1]).toMatchObject({ kind: 'send', to: { type: 'open_id', id: 'ou_league_cs' } });
    expect(rt.sender.texts()[1]).toContain('计算机学院');
  });
});

describe('exactly once', () => {
  it('replies once to the same message delivered twice', async () => {
    const rt = await testRuntime();
    const event = makeMessageEvent({ messageId: 'om_twice', text: '/help' });
    await rt.app.request('/lark/events', plainRequest(event));
    await rt.settle();
    await rt.app.request(
      '/lark/events',
      plainRequest({ ...event, header: { ...event.header, event_id: 'ev_2' } }),
    );
    await rt.settle();
    expect(rt.sender.sent).toHaveLength(1);
  });

  it('replies once to the same message delivered concurrently', async () => {
    const rt = await testRuntime();
    const event = makeMessageEvent({ messageId: 'om_race', text: '/help' });
    const statuses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        rt.app.request(
          '/lark/events',
          plainRequest({ ...event, header: { ...event.header, event_id: `ev_${i}` } }),
        ),
      ).map(async (r) => (await r).status),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    await rt.settle();
    expect(rt.sender.sent).toHaveLength(1);
  });

  it('does not reply again when an update is handled a second time (journal)', async () => {
    const rt = await testRuntime();
    const envelope = makeMessageEvent({ messageId: 'om_replay', text: '/help' });
    const entry = { v: 1, key: 'msg:om_replay', receivedAt: 0, via: 'local', envelope } as InboxEntry;
    await rt.bot.handleUpdate(entry);
    await rt.bot.handleUpdate(entry);
    await rt.settle();
    expect(rt.sender.sent).toHaveLength(1);
  });
});

describe('order', () => {
  it('answers several messages in one chat in the order they came', async () => {
    const rt = await testRuntime();
    for (const text of ['/我是谁', '/help', '/nope', '/我是谁']) {
      await rt.app.request('/lark/events', plainRequest(makeMessageEvent({ text })));
    }
    await rt.settle();
    const kinds = rt.sender.sent.map((m) => ('msgType' in m ? m.msgType : m.kind));
    expect(kinds).toEqual(['post', 'interactive', 'post', 'post']);
    expect(rt.sender.texts()[1]).toContain('/nope');
  });
});

describe("replies over Feishu's size limit", () => {
  it('sends a short apology instead of a reply Feishu would refuse', async () => {
    const rt = await testRuntime();
    const ctx = contextFor(rt, 'ou_student');
    ctx.reply('很长的名单'.repeat(4000)); // 60 KB: over a post's 30 KB
    ctx.reply('短回复');
    await ctx.finish();
    await rt.settle();
    expect(rt.sender.texts()).toEqual([
      '抱歉，这条回复太长，飞书无法发送。请缩小查询范围（例如指定月份或部门）后再试。',
      '短回复',
    ]);
  });
});
