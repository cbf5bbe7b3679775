import type { KeySpace } from './keys.ts';
import type { Store } from './store.ts';

/** A month's counter outlives the month (the previous month stays readable). */
const API_COUNTER_TTL_MS = 62 * 24 * 60 * 60 * 1000;

/** OpenAPI calls counted per month and API (`api:<yyyy-mm>`), for the free plan's quota. */
export class ApiUsage {
  constructor(
    private readonly store: Store,
    private readonly keys: KeySpace,
  ) {}

  async record(month: string, api: string, calls = 1): Promise<void> {
    await this.store.hincrby(this.keys.apiCalls(month), api, calls, API_COUNTER_TTL_MS);
  }

  /** Calls in the month, by API. */
  async usage(month: string): Promise<Record<string, number>> {
    const raw = await this.store.hgetall(this.keys.apiCalls(month));
    return Object.fromEntries(Object.entries(raw).map(([api, n]) => [api, Number(n)]));
  }
}
