import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { ConsoleSender, type LocalMessage } from '../bot/console-sender.ts';
import { ConfigError } from '../config/config-error.ts';
import { loadEnv } from '../config/env.ts';
import { shiftableClock } from '../lib/clock.ts';
import { createLogger } from '../lib/logger.ts';
import { createRuntime, loadOrgFor } from '../runtime.ts';
import { MemoryStore } from '../store/memory-store.ts';
import { ChatSession } from './chat-session.ts';

const HELP = `本地对话 (local chat) — 你输入的内容会作为飞书消息发给机器人。
  /帮助 … 任何命令          以当前身份发消息（私聊）
  1, 2, …                  点击上一张卡片的第 N 个按钮
  :as <姓名|邮箱|open_id>   换一个身份（不在组织文件里的名字 = 新同学）
  :group / :p2p            切换到群聊 / 私聊（群聊里要写 @bot 才会回应）
  :people                  组织文件里的人和身份
  :wait 5d / 2h / 30m      让时间向前走（公示期、提醒）
  :job <名称> [--force]    运行一个定时任务（如 notice-close）；还没到时间的只预览，--force 立即运行
  :quit                    退出`;

/** `npm run chat -- --as <person>`: talk to the bot locally, as anyone in the org file. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { as: { type: 'string' }, group: { type: 'boolean' } } });
  // Always local and in memory: the chat must never reach real Feishu or a shared store.
  const env = { ...loadEnv(), lark: undefined, redisUrl: undefined, eventMode: 'webhook' as const };
  const log = createLogger(process.env.LOG_LEVEL ? env.logLevel : 'warn');
  const org = loadOrgFor(env, log);
  let session: ChatSession | undefined;
  const sender = new ConsoleSender((m) => session?.collect(m));
  const clock = shiftableClock();
  const rt = await createRuntime({ env, org, log, sender, clock, store: new MemoryStore() });
  session = new ChatSession(rt);
  if (values.as) session.person = session.find(values.as) ?? session.person;
  session.inGroup = values.group === true;

  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  // Reading through the iterator buffers lines, so piped input works as well as typing.
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (prompt: string): Promise<string | undefined> => {
    process.stdout.write(prompt);
    const next = await lines.next();
    return next.done ? undefined : String(next.value);
  };
  const out = (s: string) => process.stdout.write(`${s}\n`);
  out(`${org.university} · ${HELP}\n`);
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
      else if (line.startsWith(':wait ')) {
        const m = /^(\d+)\s*([dhm])$/.exec(line.slice(6).trim());
        if (!m) out('  用法：:wait 5d | 2h | 30m');
        else {
          clock.advance(Number(m[1]) * { d: 86_400_000, h: 3_600_000, m: 60_000 }[m[2] as 'd' | 'h' | 'm']);
          out(`  现在是 ${clock.now().toISOString()}`);
        }
      } else if (line.startsWith(':job ')) {
        const [name = '', flag] = line.slice(5).trim().split(/\s+/);
        const job = rt.scheduler.find(name);
        if (!job) out(`  没有这个任务。可用：${rt.scheduler.jobs.map((j) => j.job.name).join(', ')}`);
        else {
          const run = await rt.scheduler.runByHand(job, { force: flag === '--force', now: clock.now() });
          if (run.outcome === 'dry-run') {
            out(
              `  ${name} ${run.period}: 还没到时间（${run.dueAt?.toISOString() ?? ''}），只是预览：会发送 ${run.wouldSend?.length ?? 0} 条消息，什么都没有改变。用 :job ${name} --force 立即运行。`,
            );
          } else {
            out(`  ${name} ${run.period}: ${run.outcome}`);
            show(await session.flushAll(), out);
          }
        }
      } else if (line.startsWith(':as ')) {
        session.person = session.find(line.slice(4).trim()) ?? session.person;
        out(`  现在的身份：${session.person.name} (${session.person.openId})`);
      } else if (/^\d+$/.test(line)) {
        const n = Number(line);
        const button = session.buttons[n - 1];
        if (!button) {
          out('  没有这个按钮。');
          continue;
        }
        let form: Record<string, unknown> | undefined;
        if (button.form) {
          form = {};
          for (const field of button.form.fields) {
            const options = field.options
              ? ` (${field.options.map((o, i) => `${i + 1}=${o.label}`).join(' ')})`
              : '';
            const answer = (
              (await ask(`  ${field.label}${field.required ? ' *' : ''}${options}: `)) ?? ''
            ).trim();
            const picked =
              field.options && /^\d+$/.test(answer) ? field.options[Number(answer) - 1]?.value : undefined;
            if (answer) form[field.name] = picked ?? answer;
          }
        }
        const { toast, messages } = await session.click(n, form);
        if (toast) out(`  〔${toast}〕`);
        show(messages, out);
      } else {
        show(await session.say(line), out);
      }
    } catch (err) {
      out(`  ! ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  rl.close();
  await rt.close();
}

function show(messages: LocalMessage[], out: (s: string) => void): void {
  if (messages.length === 0) out('  （没有回复）');
  for (const m of messages) {
    out(`\n  ← ${m.to}`);
    out(
      m.rendered.text
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n'),
    );
  }
  out('');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
  process.exit(1);
});
