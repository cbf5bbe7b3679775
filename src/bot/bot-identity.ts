import type { Client } from '@larksuiteoapi/node-sdk';
import type { Logger } from '../lib/logger.ts';
import type { BotInfo, BotInfoCache } from '../store/bot-info-cache.ts';

export type { BotInfo } from '../store/bot-info-cache.ts';

/** The local-mode bot's open_id (the local chat @-mentions it). */
export const LOCAL_BOT: BotInfo = { v: 1, openId: 'ou_local_bot', name: '学生会助手' };

/**
 * The bot's own open_id, needed to tell whether a group message @-mentions it.
 * Asked once (`GET /open-apis/bot/v3/info`) and cached in the store for a day.
 */
export async function fetchBotInfo(client: Client, cache: BotInfoCache, log: Logger): Promise<BotInfo> {
  const cached = await cache.get();
  if (cached) return cached;
  const res = (await client.request({ method: 'GET', url: '/open-apis/bot/v3/info' })) as {
    code?: number;
    msg?: string;
    bot?: { open_id?: string; app_name?: string };
  };
  if (res.code !== 0 || !res.bot?.open_id)
    throw new Error(`bot/v3/info failed: ${res.code} ${res.msg ?? ''}`);
  const info: BotInfo = { v: 1, openId: res.bot.open_id, name: res.bot.app_name };
  await cache.put(info);
  log.info({ openId: info.openId, name: info.name }, 'bot identity');
  return info;
}
