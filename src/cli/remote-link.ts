import { LOCAL_BOT } from '../bot/bot-identity.ts';
import type { LocalMessage } from '../bot/console-sender.ts';
import type { LocalOutboxPage } from '../bot/local-outbox.ts';
import {
  answerOf,
  type ChatLink,
  ChatLinkError,
  type EventSecrets,
  type FeishuEnvelope,
  feishuRequest,
} from './chat-link.ts';

export interface RemoteLinkOptions {
  /** How long to wait for the bot to finish with one message before showing what came (default 15 s). */
  settleTimeoutMs?: number;
  /** Between two looks at the bot's outbox (default 100 ms). */
  pollMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A bot already running in local mode (`npm start` without Feishu credentials), at `url`:
 * events are posted to its `/lark/events` as Feishu would (signed with its Encrypt Key,
 * carrying its Verification Token, when the chat's environment has them), and what it
 * would have sent is read back from `GET /local/outbox`. Its store, clock and jobs are
 * its own: the chat cannot move its time or run its jobs.
 */
export class RemoteLink implements ChatLink {
  readonly botOpenId = LOCAL_BOT.openId;
  /** Set when a message took longer than the wait: its replies come with the next one. */
  stillBusy = false;

  private constructor(
    readonly url: string,
    private readonly secrets: EventSecrets,
    private last: number,
    private readonly opts: Required<RemoteLinkOptions>,
  ) {}

  /** Checks that a bot answers at `url` and is in local mode; throws a {@link ChatLinkError} saying what is wrong. */
  static async connect(
    url: string,
    secrets: EventSecrets,
    opts: RemoteLinkOptions = {},
  ): Promise<RemoteLink> {
    const base = url.replace(/\/+$/, '');
    try {
      await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(3000) });
    } catch {
      throw new ChatLinkError(
        `连接不到 ${base}：没有机器人在应答。先在另一个终端运行 npm start（不设飞书凭证即为本地模式），或去掉 --url 在本进程里运行一个机器人。`,
      );
    }
    const link = new RemoteLink(base, secrets, 0, {
      settleTimeoutMs: opts.settleTimeoutMs ?? 15_000,
      pollMs: opts.pollMs ?? 100,
    });
    // Only what is sent from now on is shown.
    link.last = (await link.page()).last;
    return link;
  }

  async post(envelope: FeishuEnvelope): Promise<unknown> {
    const { body, headers } = feishuRequest(envelope, this.secrets);
    let res: Response;
    try {
      res = await fetch(`${this.url}/lark/events`, { method: 'POST', headers, body });
    } catch (err) {
      throw new ChatLinkError(`${this.url} 没有应答（${err instanceof Error ? err.message : String(err)}）`);
    }
    return answerOf(res);
  }

  async settle(): Promise<LocalMessage[]> {
    const out: LocalMessage[] = [];
    const started = Date.now();
    for (;;) {
      const page = await this.page();
      this.last = page.last;
      out.push(...page.messages);
      if (!page.busy) {
        this.stillBusy = false;
        return out;
      }
      if (Date.now() - started > this.opts.settleTimeoutMs) {
        this.stillBusy = true;
        return out;
      }
      await sleep(this.opts.pollMs);
    }
  }

  async close(): Promise<void> {}

  private async page(): Promise<LocalOutboxPage & { busy: boolean }> {
    let res: Response;
    try {
      res = await fetch(`${this.url}/local/outbox?after=${this.last}`, {
        headers: this.secrets.verificationToken
          ? { 'x-lark-verification-token': this.secrets.verificationToken }
          : {},
        signal: AbortSignal.timeout(5000),
      });
    } catch (err) {
      throw new ChatLinkError(`${this.url} 没有应答（${err instanceof Error ? err.message : String(err)}）`);
    }
    if (res.status === 404) {
      throw new ChatLinkError(
        `${this.url} 上的机器人不是本地模式（它有飞书凭证，回复发到飞书），本地对话看不到它的回复。请连接一个没有 LARK_APP_ID / LARK_APP_SECRET 的机器人。`,
      );
    }
    if (res.status === 403) {
      throw new ChatLinkError(
        `${this.url} 要求机器人的 LARK_VERIFICATION_TOKEN：请在本对话的环境（或 .env）里设置同一个。`,
      );
    }
    if (!res.ok) throw new ChatLinkError(`${this.url}/local/outbox 答复 ${res.status}`);
    return (await res.json()) as LocalOutboxPage & { busy: boolean };
  }
}
