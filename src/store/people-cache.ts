import { z } from 'zod';
import type { KeySpace } from './keys.ts';
import type { Store } from './store.ts';

/** A person's Feishu ids for this app. */
export const FeishuIdsSchema = z.object({
  v: z.literal(1).default(1),
  openId: z.string(),
  userId: z.string().optional(),
  unionId: z.string().optional(),
  name: z.string().optional(),
});
export type FeishuIds = z.infer<typeof FeishuIdsSchema>;

/** People named in the org file, resolved to Feishu ids once (`person:<ref>`). */
export class PeopleCache {
  constructor(
    private readonly store: Store,
    private readonly keys: KeySpace,
  ) {}

  /** The cached ids of each person key (one round trip); unknown or unreadable ones are left out. */
  async get(personKeys: readonly string[]): Promise<Map<string, FeishuIds>> {
    const out = new Map<string, FeishuIds>();
    if (personKeys.length === 0) return out;
    const stored = await this.store.mget(personKeys.map((k) => this.keys.person(k)));
    personKeys.forEach((key, i) => {
      const raw = stored[i];
      const parsed = raw ? FeishuIdsSchema.safeParse(JSON.parse(raw)) : undefined;
      if (parsed?.success) out.set(key, parsed.data);
    });
    return out;
  }

  async put(found: ReadonlyMap<string, FeishuIds>): Promise<void> {
    const writes = [...found].map(([key, ids]) => ({
      op: 'set' as const,
      key: this.keys.person(key),
      value: JSON.stringify(ids),
    }));
    if (writes.length > 0) await this.store.commit({ plan: () => ({ writes, result: null }) });
  }
}
