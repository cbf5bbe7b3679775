import { randomUUID } from 'node:crypto';
import type { LocalMessage } from '../bot/console-sender.ts';
import { encryptEvent, signBody } from '../bot/crypto.ts';

/**
 * How the local chat reaches a bot: one it runs in its own process ({@link InProcessLink})
 * or one already running (`npm start` in local mode, {@link RemoteLink}). Either way an
 * event goes to `POST /lark/events` as Feishu posts it.
 */
export interface ChatLink {
  /** The bot's open_id, for `@bot` in a group. */
  readonly botOpenId: string;
  /** Posts a schema-2.0 envelope to the receiver; the JSON answer (a card callback's toast and card). */
  post(envelope: FeishuEnvelope): Promise<unknown>;
  /** Waits until the bot has handled everything posted; what it sent since the last call. */
  settle(): Promise<LocalMessage[]>;
  close(): Promise<void>;
}

/** The receiver's security settings, as the bot has them (LARK_ENCRYPT_KEY, LARK_VERIFICATION_TOKEN). */
export interface EventSecrets {
  encryptKey?: string;
  verificationToken?: string;
}

export interface FeishuEnvelope {
  schema: '2.0';
  header: { event_id: string; event_type: string; create_time: string; app_id: string; tenant_key: string };
  event: unknown;
}

/** A refusal or an unreachable bot, said so the person at the chat can fix it. */
export class ChatLinkError extends Error {}

/**
 * The body and headers Feishu would send: the Verification Token in the header, and with
 * an Encrypt Key the body encrypted and signed (`X-Lark-Signature`); else plain JSON.
 */
export function feishuRequest(
  envelope: FeishuEnvelope,
  secrets: EventSecrets,
  now: Date = new Date(),
): { body: string; headers: Record<string, string> } {
  const plain = JSON.stringify({
    ...envelope,
    header: {
      ...envelope.header,
      ...(secrets.verificationToken ? { token: secrets.verificationToken } : {}),
    },
  });
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (!secrets.encryptKey) return { body: plain, headers };
  const body = JSON.stringify({ encrypt: encryptEvent(plain, secrets.encryptKey) });
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const nonce = randomUUID();
  return {
    body,
    headers: {
      ...headers,
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': signBody(timestamp, nonce, secrets.encryptKey, Buffer.from(body)),
    },
  };
}

/** The receiver's answer, or a {@link ChatLinkError} that says what to change. */
export async function answerOf(res: Response): Promise<unknown> {
  const text = await res.text();
  if (res.status === 200) return text ? (JSON.parse(text) as unknown) : {};
  let reason = text;
  try {
    reason = String((JSON.parse(text) as { error?: unknown }).error ?? text);
  } catch {}
  const hint =
    res.status === 401 || /Encrypt Key|LARK_ENCRYPT_KEY/.test(reason)
      ? '：机器人设置了 LARK_ENCRYPT_KEY，请在本对话的环境（或 .env）里设置同一个'
      : res.status === 403
        ? '：LARK_VERIFICATION_TOKEN 与机器人的不一致'
        : '';
  return Promise.reject(new ChatLinkError(`机器人拒绝了这条消息（${res.status} ${reason}）${hint}`));
}
