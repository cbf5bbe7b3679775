import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConsoleSender } from '../../src/bot/console-sender.ts';
import { ChatSession } from '../../src/cli/chat-session.ts';
import { loadEnv } from '../../src/config/env.ts';
import { parseOrg } from '../../src/config/org.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { createRuntime } from '../../src/runtime.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';

async function chat() {
  let session: ChatSession | undefined;
  const rt = await createRuntime({
    env: loadEnv({}),
    org: parseOrg(readFileSync('org.example.yaml', 'utf8')),
    log: silentLogger(),
    sender: new ConsoleSender((m) => session?.collect(m)),
    store: new MemoryStore(),
  });
  session = new ChatSession(rt);
  return session;
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

  it('answers in a group only when @bot is written', async () => {
    const session = await chat();
    session.inGroup = true;
    expect(await session.say('/help')).toHaveLength(0);
    expect(await session.say('@bot /help')).toHaveLength(1);
  });
});
