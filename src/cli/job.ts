import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { ConsoleSender } from '../bot/console-sender.ts';
import { ConfigError } from '../config/config-error.ts';
import { loadEnv } from '../config/env.ts';
import { translator } from '../i18n/index.ts';
import { createLogger } from '../lib/logger.ts';
import { createRuntime, loadOrgFor } from '../runtime.ts';
import { isPeriod, periodOf } from '../schedules/period.ts';

const USAGE = `usage: npm run job -- <name> [--period <period>] [--force] [--local]
       npm run job -- --list

Runs a job by hand against the store REDIS_URL names, claiming its period like a
scheduled run; before the job's time in the period it is a dry run (it shows what it would
send and changes nothing) unless --force. Without REDIS_URL there is no store to remember anything: --local runs
it anyway on a throw-away in-memory store (it prints what it would send).`;

/**
 * `npm run job`: runs one job by hand against the configured store (Redis when REDIS_URL
 * is set), claiming its period like a scheduled run, then sends what it queued.
 */
async function main(): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      list: { type: 'boolean' },
      period: { type: 'string' },
      local: { type: 'boolean' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || (!values.list && positionals.length !== 1)) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const env = loadEnv();
  if (!env.redisUrl && !values.local) {
    process.stderr.write(
      'npm run job: REDIS_URL is not set. Without it the job would run on an empty in-memory store that\n' +
        'forgets everything: it could not tell a period already done, and would send again.\n' +
        "Set REDIS_URL to the bot's Redis, or add --local to try it on a throw-away store.\n",
    );
    return 2;
  }
  if (!env.redisUrl) process.stdout.write('--local: a throw-away in-memory store; nothing is remembered.\n');
  const log = createLogger(process.env.LOG_LEVEL ? env.logLevel : 'warn');
  const org = loadOrgFor(env, log);
  const rt = await createRuntime({
    env,
    org,
    log,
    sender: env.lark ? undefined : new ConsoleSender(),
    consumerBase: `${hostname()}:job`,
  });
  const t = translator(org.locale);
  const tz = org.timezone;
  const at = (d: Date) => DateTime.fromJSDate(d, { zone: tz }).toFormat('yyyy-MM-dd HH:mm');
  try {
    if (values.list) {
      const rows = await rt.scheduler.list(rt.clock.now());
      process.stdout.write(`jobs (${tz}):\n`);
      for (const r of rows) {
        const s = rt.scheduler.find(r.name);
        process.stdout.write(
          `${[
            `  ${r.name.padEnd(26)} ${r.cron.padEnd(14)}`,
            r.enabled ? `next ${r.next ? at(r.next) : '-'}` : 'disabled',
            `last ${r.last ? `${r.last.period} (${r.last.outcome} ${at(new Date(r.last.at))})` : '-'}`,
            s ? `  ${t(s.job.summary)}` : '',
          ].join('  ')}\n`,
        );
      }
      return 0;
    }
    const name = positionals[0] ?? '';
    const s = rt.scheduler.find(name);
    if (!s) {
      process.stderr.write(
        `no job '${name}'. Jobs: ${rt.scheduler.jobs.map((j) => j.job.name).join(', ')}\n`,
      );
      return 2;
    }
    const period = values.period ?? periodOf(s.job.period, rt.clock.now(), tz);
    if (!isPeriod(s.job.period, period)) {
      process.stderr.write(
        `'${period}' is not a ${s.job.period} period of ${name} (e.g. ${periodOf(s.job.period, rt.clock.now(), tz)})\n`,
      );
      return 2;
    }
    const run = await rt.scheduler.runByHand(s, {
      period,
      force: values.force ?? false,
      now: rt.clock.now(),
    });
    if (run.outcome === 'dry-run') {
      // Before its time: show what it would send, change nothing, keep the real run.
      const preview = new ConsoleSender();
      for (const m of run.wouldSend ?? []) await preview.deliver(m);
      process.stdout.write(
        `${name} ${period}: dry run — it is due ${run.dueAt ? at(run.dueAt) : 'later'}; nothing was sent or recorded ` +
          `(${run.wouldSend?.length ?? 0} message(s) shown above). Add --force to run it now and use up the period.\n`,
      );
      return 0;
    }
    const { outcome } = run;
    const sent = await rt.outbox.drain();
    process.stdout.write(
      `${name} ${period}: ${outcome}, ${sent} message(s) handed to ${rt.local ? 'the console' : 'Feishu'}\n`,
    );
    return outcome === 'failed' ? 1 : 0;
  } finally {
    await rt.close();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
    process.exit(1);
  });
