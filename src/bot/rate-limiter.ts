export interface RateLimiterOptions {
  /** Sends per second to one chat or user (Feishu: 5 QPS). */
  perKey?: number;
  /** Sends per second for the whole app (Feishu: 50/s for create, reply and patch). */
  perApp?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface Bucket {
  tokens: number;
  at: number;
}

const MAX_IDLE_BUCKETS = 1000;

/**
 * In-process token buckets: one per key and one for the app. A bucket holds at
 * most one second's worth of tokens and refills continuously. `take` waits
 * (for the computed time, no polling) until both buckets have a token.
 */
export class RateLimiter {
  private readonly perKey: number;
  private readonly perApp: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly keys = new Map<string, Bucket>();
  private readonly app: Bucket;

  constructor(opts: RateLimiterOptions = {}) {
    this.perKey = opts.perKey ?? 5;
    this.perApp = opts.perApp ?? 50;
    if (!(this.perKey > 0) || !(this.perApp > 0)) throw new Error('rate limits must be positive');
    this.now = opts.now ?? (() => performance.now());
    this.sleep = opts.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.app = { tokens: this.perApp, at: this.now() };
  }

  async take(key: string): Promise<void> {
    for (;;) {
      const now = this.now();
      const bucket = this.bucket(key, now);
      refill(bucket, this.perKey, now);
      refill(this.app, this.perApp, now);
      const waitMs = Math.max(waitFor(bucket, this.perKey), waitFor(this.app, this.perApp));
      if (waitMs <= 0) {
        bucket.tokens -= 1;
        this.app.tokens -= 1;
        return;
      }
      // Another caller may take the token meanwhile; then this computes the next wait.
      await this.sleep(waitMs);
    }
  }

  private bucket(key: string, now: number): Bucket {
    let b = this.keys.get(key);
    if (!b) {
      if (this.keys.size >= MAX_IDLE_BUCKETS) this.prune(now);
      b = { tokens: this.perKey, at: now };
      this.keys.set(key, b);
    }
    return b;
  }

  /** Forgets buckets that are full again: they behave exactly like new ones. */
  private prune(now: number): void {
    for (const [key, b] of this.keys) {
      refill(b, this.perKey, now);
      if (b.tokens >= this.perKey) this.keys.delete(key);
    }
  }
}

function refill(b: Bucket, rate: number, now: number): void {
  if (now > b.at) {
    b.tokens = Math.min(rate, b.tokens + ((now - b.at) * rate) / 1000);
    b.at = now;
  }
}

/** Milliseconds until the bucket holds one token (0 when it does). */
function waitFor(b: Bucket, rate: number): number {
  return b.tokens >= 1 ? 0 : Math.ceil(((1 - b.tokens) * 1000) / rate);
}
