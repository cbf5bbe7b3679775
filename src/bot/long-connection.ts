import { type EventDispatcher, WSClient } from '@larksuiteoapi/node-sdk';
import type { Logger } from '../lib/logger.ts';
import { larkDomain, sdkLogger } from './lark-client.ts';
import type { Receiver } from './receiver.ts';

/**
 * Long-connection mode: Feishu pushes events and `card.action.trigger` callbacks over
 * the SDK's WebSocket client, so no public URL is needed. The SDK hands each payload
 * (already authenticated by the connection) to `invoke`; we pass it to the same
 * receiver path as the webhook, and whatever we return goes back in the ACK (for a
 * card callback, its toast and card).
 */
export function startLongConnection(opts: {
  appId: string;
  appSecret: string;
  domain: string;
  receiver: Receiver;
  log: Logger;
}): WSClient {
  const { receiver, log } = opts;
  const client = new WSClient({
    appId: opts.appId,
    appSecret: opts.appSecret,
    domain: larkDomain(opts.domain),
    logger: sdkLogger(log),
    handshakeTimeoutMs: 15_000,
    onReady: () => log.info('long connection: connected'),
    onReconnecting: () => log.warn('long connection: reconnecting'),
    onReconnected: () => log.info('long connection: reconnected'),
    onError: (err: Error) => log.error({ err: String(err) }, 'long connection: gave up reconnecting'),
  });
  const dispatcher = longConnectionDispatcher(receiver);
  void client.start({ eventDispatcher: dispatcher as unknown as EventDispatcher });
  return client;
}

/**
 * What the SDK's WSClient calls for each payload (it only uses `invoke`): the payload
 * goes to the receiver, and its answer (for a card callback, the toast and card) is
 * returned for the ACK. Anything not accepted rejects, so the SDK ACKs with code 500
 * and Feishu redelivers.
 */
export function longConnectionDispatcher(receiver: Receiver): { invoke(data: unknown): Promise<unknown> } {
  return {
    async invoke(data: unknown) {
      const result = await receiver.handleEnvelope(data, 'websocket');
      // A non-200 makes the SDK ACK with code 500, so Feishu redelivers.
      if (result.status !== 200) throw new Error(`event not accepted (${result.status})`);
      return result.body;
    },
  };
}
