import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { ConsoleSender } from '../bot/console-sender.ts';
import { Directory, LocalPeopleResolver } from '../bot/directory.ts';
import { ConfigError } from '../config/config-error.ts';
import { type Env, loadEnv } from '../config/env.ts';
import type { Org } from '../config/org.ts';
import { shiftableClock } from '../lib/clock.ts';
import { createLogger, type Logger } from '../lib/logger.ts';
import { createRuntime, loadOrgFor } from '../runtime.ts';
import { MemoryStore } from '../store/memory-store.ts';
import { CHAT_USAGE, type ChatOptions, parseChatArgs } from './chat-args.ts';
import { ChatLinkError } from './chat-link.ts';
import { ChatSession } from './chat-session.ts';
import { type Ask, clickNote, fillForm, showCards, showMessages } from './chat-view.ts';
import { InProcessLink } from './in-process-link.ts';
import { RemoteLink } from './remote-link.ts';

const HELP = `对话里的命令：
  /帮助 … 任何命令          以当前身份发消息（私聊；:group 后是群聊）
  1, 2, …                  点击你最近收到的卡片的第 N 个按钮
  3.1, 3.2, …              点击卡片 3 的第 1、2 个按钮：对话里的任何一张卡片（以当前身份）
  :cards                   列出对话里所有带按钮的卡片
  :as <姓名|邮箱|open_id>   换一个身份（不在组织文件里的名字 = 新同学）
  :group / :p2p            切换到群聊 / 私聊（群聊里要写 @bot 才会回应）
  :people                  组织文件里的人和身份
  :wait 5d / 2h / 30m      让时间向前走（公示期、提醒；只在本地模式）
  :job <名称> [--force]    运行一个定时任务（如 notice-close）；还没到时间的只预览，--force 立即运行（只在本地模式）
  :quit                    退出`;

const out = (s: string) => process.stdout.write(`${s}\n`);

/** `npm run chat`: talk to the bot as anyone in the org file, in this process or a running local bot. */
async function main(): Promise<number> {
  const args = parseChatArgs(process.argv.slice(2));
  if (args.kind === 'help') {
    out(CHAT_USAGE);
    return 0;
  }
  if (args.kind === 'error') {
    process.stderr.write(`npm run chat: ${args.message}\n\n${CHAT_USAGE}\n`);
    return 2;
  }
  const quiet = !process.env.LOG_LEVEL;
  if (existsSync('.env')) process.loadEnvFile('.env');
  const env = loadEnv();
  const log = createLogger(quiet ? 'warn' : env.logLevel);
  // The org file is read here in both modes: people, names and roles for :as and :people.
  const org = loadOrgFor({ ...env, lark: undefined }, log);
  return args.options.url ? remote(args.options, env, org, log) : inProcess(args.options, env, org, log);
}

/** The default: a bot of the chat's own, in this process and its memory. */
async function inProcess(options: ChatOptions, env: Env, org: Org, log: Logger): Promise<number> {
  // Never real Feishu nor a shared store: a private bot that is gone when the chat ends.
  const own = { ...env, lark: undefined, redisUrl: undefined, eventMode: 'webhook' as const };
  const link = new InProcessLink();
  const clock = shiftableClock();
  const rt = await createRuntime({
    env: own,
    org,
    log,
    sender: new ConsoleSender(link.collect),
    clock,
    store: new MemoryStore(),
  });
  link.attach(rt);
  out(
    `${org.university} · 本地模式：机器人在本进程内存中运行（不连接 npm start 启动的机器人，不用 REDIS_URL），退出后一切清空。`,
  );
  const running = await fetch(`http://127.0.0.1:${env.port}/healthz`, {
    signal: AbortSignal.timeout(300),
  }).then(
    (r) => r.ok,
    () => false,
  );
  if (running) {
    out(
      `  提示：http://localhost:${env.port} 上有一个机器人在运行；要和它对话，用 --url http://localhost:${env.port}`,
    );
  }
  const session = new ChatSession(link, rt.directory);
  return converse(session, options, {
    wait: (ms) => {
      clock.advance(ms);
      out(`  现在是 ${clock.now().toISOString()}`);
    },
    job: async (name, force) => {
      const job = rt.scheduler.find(name);
      if (!job) {
        out(`  没有这个任务。可用：${rt.scheduler.jobs.map((j) => j.job.name).join(', ')}`);
        return;
      }
      const run = await rt.scheduler.runByHand(job, { force, now: clock.now() });
      if (run.outcome === 'dry-run') {
        out(
          `  ${name} ${run.period}: 还没到时间（${run.dueAt?.toISOString() ?? ''}），只是预览：会发送 ${run.wouldSend?.length ?? 0} 条消息，什么都没有改变。用 :job ${name} --force 立即运行。`,
        );
        return;
      }
      out(`  ${name} ${run.period}: ${run.outcome}`);
      showMessages(await session.settle(), session, out);
    },
    close: () => link.close(),
  });
}

/** `--url`: a bot already running in local mode; its store, clock and jobs are its own. */
async function remote(options: ChatOptions, env: Env, org: Org, log: Logger): Promise<number> {
  const secrets = { encryptKey: env.encryptKey, verificationToken: env.verificationToken };
  let link: RemoteLink;
  try {
    link = await RemoteLink.connect(options.url ?? '', secrets);
  } catch (err) {
    process.stderr.write(`npm run chat: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  const signing = secrets.encryptKey
    ? '按 LARK_ENCRYPT_KEY 加密并签名'
    : secrets.verificationToken
      ? '带 LARK_VERIFICATION_TOKEN，不加密'
      : '未签名（机器人没有设 LARK_ENCRYPT_KEY 时在本地模式下接受）';
  out(
    `${org.university} · 连接到 ${link.url}：消息发往它的 /lark/events（${signing}），回复从它的 /local/outbox 读取。`,
  );
  out('  数据在那个机器人的存储里（它的 REDIS_URL，或它的内存）；:wait 和 :job 在这里不可用。');
  // The same people as the bot's org file: local mode's made-up open_ids are stable.
  const directory = new Directory(org, new LocalPeopleResolver(), log);
  await directory.refresh();
  const session = new ChatSession(link, directory);
  const unavailable = (what: string, instead: string): void => {
    out(`  连接运行中的机器人时不能用 ${what}：机器人的时钟和定时任务是它自己的。${instead}`);
  };
  return converse(session, options, {
    wait: () => unavailable(':wait', '要看到公示期、提醒的效果，去掉 --url 在本进程里运行。'),
    job: async () => {
      unavailable(
        ':job',
        '请在另一个终端运行 npm run job -- <名称>（和机器人用同一个 REDIS_URL，它的结果才会被机器人看到）。',
      );
    },
    afterEach: () => {
      if (link.stillBusy) out('  （机器人还在处理；之后的回复会和下一条一起显示）');
    },
    close: () => link.close(),
  });
}

interface ModeCommands {
  wait(ms: number): void;
  job(name: string, force: boolean): Promise<void>;
  afterEach?(): void;
  close(): Promise<void>;
}

/** The read–send–show loop, the same in both modes. */
async function converse(session: ChatSession, options: ChatOptions, mode: ModeCommands): Promise<number> {
  if (options.as) session.person = session.find(options.as) ?? session.person;
  session.inGroup = options.group;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  // Reading through the iterator buffers lines, so piped input works as well as typing.
  const lines = rl[Symbol.asyncIterator]();
  const ask: Ask = async (prompt) => {
    process.stdout.write(prompt);
    const next = await lines.next();
    return next.done ? undefined : String(next.value);
  };
  out(`${HELP}\n`);
  const prompt = () => `${session.person.name}${session.inGroup ? '@群聊' : ''}> `;

  for (;;) {
    const typed = await ask(prompt());
    if (typed === undefined) break; // input closed
    const line = typed.trim();
    if (!line) continue;
    try {
      if (line === ':quit' || line === ':q') break;
      if (line === ':help') out(HELP);
      else if (line === ':group' || line === ':p2p') session.inGroup = line === ':group';
      else if (line === ':people') for (const p of session.people()) out(`  ${p.name}  ${p.roles}`);
      else if (line === ':cards') showCards(session, out);
      else if (line === ':wait' || line.startsWith(':wait ')) {
        const m = /^(\d+)\s*([dhm])$/.exec(line.slice(5).trim());
        if (!m) out('  用法：:wait 5d | 2h | 30m');
        else mode.wait(Number(m[1]) * { d: 86_400_000, h: 3_600_000, m: 60_000 }[m[2] as 'd' | 'h' | 'm']);
      } else if (line === ':job' || line.startsWith(':job ')) {
        const [name = '', flag] = line.slice(4).trim().split(/\s+/);
        await mode.job(name, flag === '--force');
      } else if (line.startsWith(':as ')) {
        session.person = session.find(line.slice(4).trim()) ?? session.person;
        out(`  现在的身份：${session.person.name} (${session.person.openId})`);
      } else if (line.startsWith(':')) {
        out(`  没有 ${line.split(/\s/)[0]} 这个命令；:help 列出对话里的命令。`);
      } else if (/^(\d+\.)?\d+$/.test(line)) {
        const target = session.resolve(line);
        if ('error' in target) {
          out(`  ${target.error}`);
          continue;
        }
        const note = clickNote(target.card, session);
        if (note) out(note);
        const form = target.button.form ? await fillForm(target.button, ask, out) : undefined;
        if (target.button.form && !form) break; // the input ended inside the form
        const { toast, messages } = await session.click(line, form);
        if (toast) out(`  〔${toast}〕`);
        showMessages(messages, session, out);
        mode.afterEach?.();
      } else {
        showMessages(await session.say(line), session, out);
        mode.afterEach?.();
      }
    } catch (err) {
      out(`  ! ${err instanceof Error ? err.message : String(err)}`);
      if (err instanceof ChatLinkError && /没有应答/.test(err.message)) {
        rl.close();
        await mode.close();
        return 1;
      }
    }
  }
  rl.close();
  await mode.close();
  return 0;
}

main()
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
    process.exit(1);
  });
