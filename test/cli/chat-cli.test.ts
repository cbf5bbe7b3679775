import { describe, expect, it } from 'vitest';
import { freePort } from '../../bench/processes.ts';
import { runChat } from '../helpers/chat-process.ts';

describe('npm run chat: arguments', () => {
  it('prints its usage with --help, naming --as, --group and --url', async () => {
    const r = await runChat(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('用法：npm run chat --');
    for (const option of ['--as', '--group', '--url', '--help']) expect(r.out).toContain(option);
  }, 20_000);

  it('names an unknown option and shows the usage, exit code 2, without a parseArgs stack', async () => {
    const r = await runChat(['--bogus']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('不认识的选项 --bogus');
    expect(r.err).toContain('用法：npm run chat --');
    expect(r.err).not.toContain('ERR_PARSE_ARGS');
    expect(r.err).not.toMatch(/\n\s+at /);
  }, 20_000);

  it('refuses a --url that is not an http(s) address', async () => {
    const r = await runChat(['--url', 'localhost:3000']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--url 应是机器人的 http(s) 地址');
  }, 20_000);
});

describe('npm run chat: modes', () => {
  it('runs its own bot in memory by default, says so, and answers', async () => {
    const r = await runChat(['--as', '管理员'], ['/我是谁', ':quit'], { PORT: String(await freePort()) });
    expect(r.code).toBe(0);
    expect(r.out).toContain('本地模式：机器人在本进程内存中运行');
    expect(r.out).toContain('身份：同学、管理员');
  }, 20_000);

  it('clicks an older card by card.button in its own bot', async () => {
    const r = await runChat(['--as', '管理员'], ['/帮助', '/帮助', '1.4', ':cards', ':quit'], {
      PORT: String(await freePort()),
    });
    expect(r.code).toBe(0);
    expect(r.out).toContain('[卡片 2]');
    expect(r.out).toContain('[2.4] 管理');
    const click = r.out.slice(r.out.indexOf('[卡片 1 已更新]'));
    expect(click).toContain('/用量');
    expect(r.out).toContain('1.1 返回目录');
  }, 20_000);

  it('says clearly that nothing answers at --url, and exits non-zero', async () => {
    const port = await freePort();
    const r = await runChat(['--url', `http://127.0.0.1:${port}`], ['/帮助']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`连接不到 http://127.0.0.1:${port}：没有机器人在应答`);
    expect(r.out).not.toContain('本地模式');
  }, 20_000);
});
