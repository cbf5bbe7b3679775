import type { Client } from '@larksuiteoapi/node-sdk';
import { z } from 'zod';
import type { Logger } from '../lib/logger.ts';
import type { KeySpace } from '../store/keys.ts';
import type { Store } from '../store/store.ts';

const BotInfoSchema = z.object({ v: z.literal(1), openId: z.string(), name: z.string().optional() });
export type BotInfo = z.infer<typeof BotInfoSchema>;

/** The local-mode bot's open_id (the local chat @-mentions it). */
export const LOCAL_BOT: BotInfo = { v: 1, openId: 'ou_local_bot', name: '学生会助手' };

const CACHE_TTL_MS = 24 * 3600 * 1000;

/**
 * The bot's own open_id, needed to tell whether a group message @-mentions it.
 * Asked once (`GET /open-apis/bot/v3/info`) and cached in the store for a day.
 */
export async function fetchBotInfo(
  client: Client,
  store: Store,
  keys: KeySpace,
  log: Logger,
): Promise<BotInfo> {
  const cached = await store.get(keys.botInfo);
  const parsed = cached ? BotInfoSchema.safeParse(JSON.parse(cached)) : undefined;
  if (parsed?.success) return parsed.data;
  const res = (await client.request({ method: 'GET', url: '/open-apis/bot/v3/info' })) as {
    code?: number;
    msg?: string;
    bot?: { open_id?: string; app_name?: string };
  };
  if (res.code !== 0 || !res.bot?.open_id)
    throw new Error(`bot/v3/info failed: ${res.code} ${res.msg ?? ''}`);
  const info: BotInfo = { v: 1, openId: res.bot.open_id, name: res.bot.app_name };
  await store.setIfAbsent(keys.botInfo, JSON.stringify(info), CACHE_TTL_MS);
  log.info({ openId: info.openId, name: info.name }, 'bot identity');
  return info;
}
