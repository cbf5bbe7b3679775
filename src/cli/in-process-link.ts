import { LOCAL_BOT } from '../bot/bot-identity.ts';
import type { LocalMessage } from '../bot/console-sender.ts';
import type { Runtime } from '../runtime.ts';
import { answerOf, type ChatLink, type FeishuEnvelope, feishuRequest } from './chat-link.ts';

/**
 * The chat's own bot, in this process and its memory (the default of `npm run chat`):
 * events go through the runtime's HTTP app, and settling runs its inbox and outbox
 * until they are empty.
 */
export class InProcessLink implements ChatLink {
  private rt: Runtime | undefined;
  private readonly sent: LocalMessage[] = [];

  /** Give this to the runtime's `ConsoleSender`: every message the bot sends comes here. */
  readonly collect = (m: LocalMessage): void => {
    this.sent.push(m);
  };

  /** The runtime, once built (it needs {@link collect} first). */
  attach(rt: Runtime): this {
    this.rt = rt;
    return this;
  }

  get runtime(): Runtime {
    if (!this.rt) throw new Error('InProcessLink: attach(runtime) first');
    return this.rt;
  }

  get botOpenId(): string {
    return this.runtime.bot.identity?.openId ?? LOCAL_BOT.openId;
  }

  async post(envelope: FeishuEnvelope): Promise<unknown> {
    const { env, clock } = this.runtime;
    const { body, headers } = feishuRequest(envelope, env, clock.now());
    return answerOf(await this.runtime.app.request('/lark/events', { method: 'POST', headers, body }));
  }

  async settle(): Promise<LocalMessage[]> {
    const { inbox, outbox } = this.runtime;
    while ((await inbox.drain()) + (await outbox.drain()) > 0) {
      // keep going: handling may queue more
    }
    return this.sent.splice(0);
  }

  async close(): Promise<void> {
    await this.rt?.close();
  }
}
