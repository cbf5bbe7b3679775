import { z } from 'zod';
import type { KeySpace } from './keys.ts';
import type { Store } from './store.ts';

export const BotInfoSchema = z.object({ v: z.literal(1), openId: z.string(), name: z.string().optional() });
export type BotInfo = z.infer<typeof BotInfoSchema>;

const CACHE_TTL_MS = 24 * 3600 * 1000;

/** The bot's own identity, cached for a day (`bot:info`) so replicas and restarts ask Feishu once. */
export class BotInfoCache {
  constructor(
    private readonly store: Store,
    private readonly keys: KeySpace,
  ) {}

  async get(): Promise<BotInfo | undefined> {
    const cached = await this.store.get(this.keys.botInfo);
    const parsed = cached ? BotInfoSchema.safeParse(JSON.parse(cached)) : undefined;
    return parsed?.success ? parsed.data : undefined;
  }

  async put(info: BotInfo): Promise<void> {
    await this.store.setIfAbsent(this.keys.botInfo, JSON.stringify(info), CACHE_TTL_MS);
  }
}
