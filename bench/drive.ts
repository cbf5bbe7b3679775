import { Agent, request } from 'node:http';
import type { signedMessage } from './events.ts';

type Event = ReturnType<typeof signedMessage>;

/** The p-th percentile (nearest rank). */
export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return 0;
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
}

/**
 * Open-loop pacing: `rate` requests a second for `seconds`, each sent at its time over
 * keep-alive connections whatever the answers before it, and timed from send to the end
 * of its answer. (autocannon's own rate limiting sends in bursts, which measures itself.)
 */
export async function paced(
  url: string,
  pool: Event[],
  rate: number,
  seconds: number,
): Promise<{ p50: number; p99: number; max: number; sent: number; failed: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const target = new URL(`${url}/lark/events`);
  const latencies: number[] = [];
  let failed = 0;
  let sent = 0;
  const pending: Promise<void>[] = [];
  const total = rate * seconds;
  const t0 = performance.now();
  const one = (e: Event) =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          agent,
          headers: e.headers,
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode === 200) latencies.push(performance.now() - started);
            else failed += 1;
            resolve();
          });
        },
      );
      req.on('error', () => {
        failed += 1;
        resolve();
      });
      req.end(e.body);
    });
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * rate) + 1);
    while (sent < due) pending.push(one(pool[sent++ % pool.length] as Event));
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(pending);
  agent.destroy();
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: Math.max(...latencies),
    sent,
    failed,
  };
}
