import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConsoleSender } from '../../src/bot/console-sender.ts';
import { ChatSession } from '../../src/cli/chat-session.ts';
import { InProcessLink } from '../../src/cli/in-process-link.ts';
import { loadEnv } from '../../src/config/env.ts';
import { parseOrg } from '../../src/config/org.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { createRuntime } from '../../src/runtime.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';

async function chat(env: Record<string, string> = {}) {
  const link = new InProcessLink();
  const rt = await createRuntime({
    env: loadEnv(env),
    org: parseOrg(readFileSync('org.example.yaml', 'utf8')),
    log: silentLogger(),
    sender: new ConsoleSender(link.collect),
    store: new MemoryStore(),
  });
  return new ChatSession(link.attach(rt), rt.directory);
}

describe('local chat', () => {
  it('talks to the bot as a person from the example org file, through the receiver', async () => {
    const session = await chat();
    session.person = session.find('管理员')!;
    const replies = await session.say('/帮助');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.rendered.text).toContain('示例大学学生会助手');
    expect(session.buttons.map((b) => b.label)).toEqual(['通用', '招新与任用', '学生会工作', '管理']);
  });

  it('clicks a card button by number and shows the updated card', async () => {
    const session = await chat();
    session.person = session.find('admin@example.edu.cn')!;
    await session.say('/help');
    const { messages } = await session.click(4);
    expect(messages[0]?.kind).toBe('patch');
    expect(messages[0]?.rendered.text).toContain('/用量');
    expect(session.buttons.map((b) => b.label)).toEqual(['返回目录']);
  });

  it('treats an unknown name as a new student', async () => {
    const session = await chat();
    session.person = session.find('小明')!;
    const [reply] = await session.say('/我是谁');
    expect(reply?.rendered.text).toContain('身份：同学');
  });

  it('turns @姓名 into a real mention: /免职 @吴干事 works in the local chat (issue 9, item 7)', async () => {
    const session = await chat();
    expect(session.mentions('/免职 @吴干事 违反纪律', 2)).toMatchObject({
      body: '/免职 @_user_2 违反纪律',
      people: [{ key: '@_user_2', name: '吴干事' }],
    });
    expect(session.mentions('@不认识的人 你好', 2).people).toEqual([]);
    session.person = session.find('陈主席')!;
    const [card] = await session.say('/免职 @吴干事 连续三次无故缺席例会');
    expect(card?.rendered.text).toContain('确认免去吴干事的办公室职务');
  });

  it('answers in a group only when @bot is written', async () => {
    const session = await chat();
    session.inGroup = true;
    expect(await session.say('/help')).toHaveLength(0);
    expect(await session.say('@bot /help')).toHaveLength(1);
  });
});

describe('local chat: any card of the conversation', () => {
  it('numbers each card with buttons in the order shown', async () => {
    const session = await chat();
    session.person = session.find('管理员')!;
    const [first] = await session.say('/帮助');
    const [second] = await session.say('/帮助');
    expect(first?.card).toBe(1);
    expect(second?.card).toBe(2);
    expect(session.allCards().map((c) => c.n)).toEqual([1, 2]);
    expect(session.card(1)?.messageId).not.toBe(session.card(2)?.messageId);
  });

  it('clicks a button of an older card (1.4 after a second card was shown), updating that card only', async () => {
    const session = await chat();
    session.person = session.find('管理员')!;
    await session.say('/帮助');
    await session.say('/帮助');
    const { messages } = await session.click('1.4');
    expect(messages[0]).toMatchObject({ kind: 'patch', card: 1, messageId: session.card(1)?.messageId });
    expect(messages[0]?.rendered.text).toContain('/用量');
    expect(session.card(1)?.buttons.map((b) => b.label)).toEqual(['返回目录']);
    // The latest card, which the plain numbers click, is untouched.
    expect(session.buttons.map((b) => b.label)).toEqual(['通用', '招新与任用', '学生会工作', '管理']);
    expect(session.resolve('2')).toMatchObject({ card: { n: 2 }, index: 2 });
  });

  it("lets another person click someone's card, and the bot checks the clicker's roles, not the card", async () => {
    const session = await chat();
    session.person = session.find('管理员')!;
    await session.say('/帮助');
    session.person = session.find('小明')!;
    expect(session.buttons).toEqual([]);
    const { messages } = await session.click('1.4');
    expect(messages[0]?.card).toBe(1);
    expect(messages[0]?.rendered.text).toContain('这一类暂时没有你可以使用的命令');
    expect(messages[0]?.rendered.text).not.toContain('/用量');
  });

  it('says which card or button does not exist', async () => {
    const session = await chat();
    session.person = session.find('管理员')!;
    expect(session.resolve('1')).toEqual({ error: '你还没有收到带按钮的卡片。' });
    await session.say('/帮助');
    expect(session.resolve('2.1')).toEqual({ error: '没有卡片 2。' });
    expect(session.resolve('1.9')).toEqual({ error: '卡片 1 没有第 9 个按钮（1.1–1.4）。' });
    await expect(session.click('1.9')).rejects.toThrow('没有第 9 个按钮');
  });

  it('signs and encrypts its events when the bot has an Encrypt Key, as Feishu does', async () => {
    const session = await chat({ LARK_ENCRYPT_KEY: 'chat key', LARK_VERIFICATION_TOKEN: 'chat token' });
    session.person = session.find('管理员')!;
    const [reply] = await session.say('/我是谁');
    expect(reply?.rendered.text).toContain('管理员');
    await session.say('/帮助');
    const { messages } = await session.click('1.4');
    expect(messages[0]?.rendered.text).toContain('/用量');
  });
});
