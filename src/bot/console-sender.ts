import { type RenderedCard, renderCardText } from '../cards/render-text.ts';
import type { OutboxMessage } from '../messages/outbox-message.ts';
import type { Delivery, Sender } from './sender.ts';

/** A message as local mode shows it. */
export interface LocalMessage {
  messageId: string;
  kind: OutboxMessage['kind'];
  /** Who it goes to, readably: `chat oc_…`, `open_id ou_…`, `reply om_…`. */
  to: string;
  rendered: RenderedCard;
}

/**
 * Local mode's sender: nothing goes to Feishu; each message is rendered as text and
 * handed to `show` (printed by default). Message ids are made up, so card tracking works.
 */
export class ConsoleSender implements Sender {
  private seq = 0;

  constructor(private readonly show: (m: LocalMessage) => void = printLocalMessage) {}

  async deliver(message: OutboxMessage): Promise<Delivery> {
    const messageId =
      message.kind === 'send' || message.kind === 'reply' || message.kind === 'file'
        ? `om_local_${++this.seq}`
        : undefined;
    this.show({
      messageId: messageId ?? (message.kind === 'patch' ? message.messageId : 'card-update'),
      kind: message.kind,
      to: describeTarget(message),
      rendered: renderContent(message),
    });
    return { ok: true, ...(messageId ? { messageId } : {}) };
  }
}

function describeTarget(m: OutboxMessage): string {
  switch (m.kind) {
    case 'send':
      return `${m.to.type === 'chat_id' ? 'chat' : m.to.type} ${m.to.id}`;
    case 'reply':
      return `reply ${m.messageId} in ${m.chatId}`;
    case 'file':
      return `${m.to.type === 'chat_id' ? 'chat' : m.to.type} ${m.to.id}`;
    case 'patch':
      return `update ${m.messageId}`;
    case 'card-update':
      return 'card update';
  }
}

/** Plain text of a post, a text message or a card. */
export function renderContent(m: OutboxMessage): RenderedCard {
  if (m.kind === 'card-update') return renderCardText(m.card);
  // A file is named and measured, never printed or written to disk (it holds personal data).
  if (m.kind === 'file')
    return {
      text: `[file] ${m.fileName} (${formatBytes(Buffer.byteLength(m.content, 'utf8'))})`,
      buttons: [],
    };
  const content = JSON.parse(m.content) as Record<string, unknown>;
  if (m.kind === 'patch' || m.msgType === 'interactive') return renderCardText(content);
  if (m.msgType === 'text') return { text: String(content.text ?? ''), buttons: [] };
  const post = (content.zh_cn ?? content.en_us ?? Object.values(content)[0]) as
    | { content?: { text?: string }[][] }
    | undefined;
  return {
    text: (post?.content ?? []).map((p) => p.map((n) => n.text ?? '').join('')).join('\n'),
    buttons: [],
  };
}

/** Local mode's default: the message on standard output. */
export function printLocalMessage(m: LocalMessage): void {
  process.stdout.write(`\n[local → ${m.to}]\n${m.rendered.text}\n`);
}

function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KB`;
}
