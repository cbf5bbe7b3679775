import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotProcess } from '../../bench/processes.ts';
import { runChat } from '../helpers/chat-process.ts';

/**
 * `npm run chat -- --url …` against the bot as a real process in local mode (no Feishu
 * credentials, its own memory), with an Encrypt Key and a Verification Token set: what
 * the chat shows must come from that process, through its receiver and its outbox.
 */

const SECRETS = { LARK_ENCRYPT_KEY: 'chat process key', LARK_VERIFICATION_TOKEN: 'chat process token' };
let bot: BotProcess;

beforeAll(async () => {
  bot = await BotProcess.start({
    redisUrl: '',
    larkDomain: '',
    env: { LARK_APP_ID: '', LARK_APP_SECRET: '', ORG_CONFIG: 'org.example.yaml', ...SECRETS },
  });
}, 30_000);

afterAll(async () => {
  await bot?.kill('SIGTERM');
});

describe('npm run chat -- --url (a running bot in local mode)', () => {
  it('sends signed events to the running bot and shows its replies, and clicks an older card', async () => {
    const r = await runChat(
      ['--as', '管理员', '--url', bot.url],
      ['/我是谁', '/帮助', '/帮助', '1.4', ':wait 1d', ':job notice-close', ':quit'],
      SECRETS,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`连接到 ${bot.url}`);
    expect(r.out).toContain('按 LARK_ENCRYPT_KEY 加密并签名');
    expect(r.out).toContain('身份：同学、管理员');
    expect(r.out).toContain('[卡片 2]');
    const click = r.out.slice(r.out.indexOf('[卡片 1 已更新]'));
    expect(click).toContain('/用量');
    expect(click).toContain('[1.1] 返回目录');
    // The bot process produced them: local mode prints what it would send.
    expect(bot.output).toContain('身份：同学、管理员');
    // Time and jobs are the running bot's own.
    expect(r.out).toContain('连接运行中的机器人时不能用 :wait');
    expect(r.out).toContain('连接运行中的机器人时不能用 :job');
    expect(r.out).toContain('npm run job --');
  }, 20_000);

  it('says what to set when its secrets are not the bot’s', async () => {
    const noToken = await runChat(['--url', bot.url], ['/我是谁']);
    expect(noToken.code).toBe(1);
    expect(noToken.err).toContain('LARK_VERIFICATION_TOKEN');

    const noKey = await runChat(['--url', bot.url], ['/我是谁', ':quit'], {
      LARK_VERIFICATION_TOKEN: SECRETS.LARK_VERIFICATION_TOKEN,
    });
    expect(noKey.out).toContain('机器人拒绝了这条消息');
    expect(noKey.out).toContain('LARK_ENCRYPT_KEY');
    expect(noKey.out).not.toContain('身份：');
  }, 20_000);
});
