import { randomUUID } from 'node:crypto';
import type { LocalMessage } from '../bot/console-sender.ts';
import { type Directory, localOpenId } from '../bot/directory.ts';
import type { TextButton } from '../cards/render-text.ts';
import { renderCardText } from '../cards/render-text.ts';
import { parsePersonRef } from '../config/org.ts';
import type { ChatLink, FeishuEnvelope } from './chat-link.ts';

/** Someone the local chat can speak as. */
export interface ChatPerson {
  name: string;
  openId: string;
}

/** A card with buttons shown in this conversation, numbered in order: `3.1` clicks button 1 of card 3. */
export interface ChatCard {
  n: number;
  messageId: string;
  /** Where it went, as the sender describes it (`open_id ou_…`, `chat oc_…`, `reply om_… in oc_…`). */
  to: string;
  buttons: TextButton[];
}

/** A message the bot sent, with its card's number when it has buttons. */
export interface ShownMessage extends LocalMessage {
  card?: number;
}

export const LOCAL_GROUP_CHAT = 'oc_local_group';

/**
 * A local conversation with the bot: what a person types becomes a real
 * `im.message.receive_v1` event (a card click, a `card.action.trigger`), posted
 * through the same receiver as Feishu's, and the replies come back as text. Every card
 * with buttons gets a number, so any of them can be clicked later, by anyone.
 */
export class ChatSession {
  person: ChatPerson;
  inGroup = false;
  private readonly cards: ChatCard[] = [];
  /** People met in this conversation who are not in the org file (new students). */
  private readonly names = new Map<string, string>();
  private seq = 0;
  /** A late card update (`card-update`) has no message id: it is the card clicked last. */
  private lastClicked: ChatCard | undefined;

  constructor(
    private readonly link: ChatLink,
    private readonly directory: Directory,
  ) {
    this.person = this.find('student') ?? { name: '同学', openId: localOpenId('student:local') };
  }

  /** Everyone in the org file, plus any other name (a new student). */
  find(who: string): ChatPerson | undefined {
    const people = this.directory.people();
    const hit = people.find(
      (p) => p.name === who || p.key === who || p.openId === who || p.key.endsWith(`:${who}`),
    );
    if (hit?.openId) return { name: hit.name ?? who, openId: hit.openId };
    if (who === 'student') return undefined;
    const ref = parsePersonRef(who);
    const person = { name: who, openId: ref?.kind === 'open_id' ? ref.value : localOpenId(`student:${who}`) };
    this.names.set(person.openId, who);
    return person;
  }

  people(): { name: string; roles: string }[] {
    return this.directory.people().map((p) => {
      const actor = this.directory.actorFor({ openId: p.openId ?? '' });
      return { name: p.name ?? p.key, roles: [...actor.roles].filter((r) => r !== 'student').join(', ') };
    });
  }

  /** Who an open_id is, by name, when the chat knows. */
  nameOf(openId: string): string | undefined {
    return this.directory.nameOf(openId) ?? this.names.get(openId);
  }

  /** Every card with buttons shown so far, oldest first. */
  allCards(): readonly ChatCard[] {
    return this.cards;
  }

  card(n: number): ChatCard | undefined {
    return this.cards[n - 1];
  }

  /** The last card the current person sees here: sent to them, to their direct chat or to the group they are in. */
  latestCard(): ChatCard | undefined {
    return [...this.cards].reverse().find((c) => this.sees(c));
  }

  /** Buttons of {@link latestCard}, by number (the `1`, `2` shorthand). */
  get buttons(): TextButton[] {
    return this.latestCard()?.buttons ?? [];
  }

  /** A typed button reference: `2` (button 2 of the latest card) or `3.1` (button 1 of card 3). */
  resolve(ref: string): { card: ChatCard; index: number; button: TextButton } | { error: string } {
    const m = /^(?:(\d+)\.)?(\d+)$/.exec(ref.trim());
    if (!m) return { error: `不是按钮编号：${ref}` };
    const card = m[1] ? this.card(Number(m[1])) : this.latestCard();
    if (!card) return { error: m[1] ? `没有卡片 ${m[1]}。` : '你还没有收到带按钮的卡片。' };
    const index = Number(m[2]);
    const button = card.buttons[index - 1];
    if (!button) {
      const range = card.buttons.length > 0 ? `（${card.n}.1–${card.n}.${card.buttons.length}）` : '';
      return { error: `卡片 ${card.n} 没有第 ${index} 个按钮${range}。` };
    }
    return { card, index, button };
  }

  /**
   * `@姓名` of anyone the chat knows (the org file, people met here) becomes a real mention,
   * as Feishu sends it: a `@_user_N` placeholder in the text and an entry in `mentions`.
   */
  mentions(
    text: string,
    first: number,
  ): { body: string; people: { key: string; id: { open_id: string }; name: string }[] } {
    const known = new Map<string, string>();
    for (const p of this.directory.people()) if (p.name && p.openId) known.set(p.name, p.openId);
    for (const [openId, name] of this.names) known.set(name, openId);
    const names = [...known.keys()].sort((a, b) => b.length - a.length);
    const people: { key: string; id: { open_id: string }; name: string }[] = [];
    const body = text.replace(/@(\S+)/g, (whole, word: string) => {
      const name = names.find((n) => word.startsWith(n));
      const openId = name ? known.get(name) : undefined;
      if (!name || !openId) return whole;
      const key = `@_user_${first + people.length}`;
      people.push({ key, id: { open_id: openId }, name });
      return `${key}${word.slice(name.length)}`;
    });
    return { body, people };
  }

  /** Sends a text message as the current person; returns what the bot answered. */
  async say(text: string): Promise<ShownMessage[]> {
    const id = ++this.seq;
    const mentionsBot = /@bot\b|@学生会助手/.test(text);
    const { body, people } = this.mentions(text.replace(/@bot\b|@学生会助手/g, '@_user_1'), 2);
    const event = {
      sender: { sender_id: { open_id: this.person.openId }, sender_type: 'user', tenant_key: 'local' },
      message: {
        message_id: `om_chat_${id}_${randomUUID().slice(0, 8)}`,
        create_time: String(Date.now()),
        chat_id: this.chatId(),
        chat_type: this.inGroup ? 'group' : 'p2p',
        message_type: 'text',
        content: JSON.stringify({ text: body }),
        mentions: [
          ...(mentionsBot
            ? [{ key: '@_user_1', id: { open_id: this.link.botOpenId }, name: '学生会助手' }]
            : []),
          ...people,
        ],
      },
    };
    await this.link.post(envelope('im.message.receive_v1', event));
    return this.settle();
  }

  /**
   * Clicks a button as the current person: `ref` is `n` (of the latest card) or `card.n`;
   * `form` fills a form's fields. The card's new version, if the callback returns one,
   * comes first.
   */
  async click(
    ref: number | string,
    form?: Record<string, unknown>,
  ): Promise<{ toast?: string; messages: ShownMessage[] }> {
    const target = this.resolve(String(ref));
    if ('error' in target) throw new Error(target.error);
    const { card, button } = target;
    this.lastClicked = card;
    const event = {
      operator: { open_id: this.person.openId },
      token: `c-local-${randomUUID()}`,
      action: { value: button.value, tag: 'button', ...(form ? { form_value: form, name: 'submit' } : {}) },
      host: 'im_message',
      context: { open_message_id: card.messageId, open_chat_id: chatOf(card.to) ?? this.chatId() },
    };
    const answer = ((await this.link.post(envelope('card.action.trigger', event))) ?? {}) as {
      toast?: { content?: string };
      card?: { data?: unknown };
    };
    const messages = await this.settle();
    if (answer.card?.data) {
      const rendered = renderCardText(answer.card.data);
      card.buttons = rendered.buttons;
      messages.unshift({
        messageId: card.messageId,
        kind: 'patch',
        to: 'card (updated)',
        rendered,
        card: card.n,
      });
    }
    return { toast: answer.toast?.content, messages };
  }

  /**
   * What the bot sent since the last look (a job's messages, a late answer), numbered;
   * what the current person sees comes first.
   */
  async settle(): Promise<ShownMessage[]> {
    const shown = (await this.link.settle()).map((m) => this.number(m));
    const mine = shown.filter((m) => this.sees(m) || m.kind === 'patch' || m.kind === 'card-update');
    return [...mine, ...shown.filter((m) => !mine.includes(m))];
  }

  /** Gives a card with buttons its number (a new one, or the number of the card it updates). */
  private number(m: LocalMessage): ShownMessage {
    const updated =
      m.kind === 'patch'
        ? this.cards.find((c) => c.messageId === m.messageId)
        : m.kind === 'card-update'
          ? this.lastClicked
          : undefined;
    if (updated) {
      updated.buttons = m.rendered.buttons;
      return { ...m, card: updated.n };
    }
    if (m.rendered.buttons.length === 0) return m;
    const card: ChatCard = {
      n: this.cards.length + 1,
      messageId: m.messageId,
      to: m.to,
      buttons: m.rendered.buttons,
    };
    this.cards.push(card);
    return { ...m, card: card.n };
  }

  private sees(m: { to: string }): boolean {
    return m.to.includes(this.person.openId) || m.to.includes(this.chatId());
  }

  private chatId(): string {
    return this.inGroup ? LOCAL_GROUP_CHAT : `oc_p2p_${this.person.openId}`;
  }
}

/** The chat a message went to: `chat oc_…`, `… in oc_…`, or a person's direct chat. */
function chatOf(to: string): string | undefined {
  const chat = /\boc_[\w-]+/.exec(to)?.[0];
  if (chat) return chat;
  const person = /\bou_[\w-]+/.exec(to)?.[0];
  return person ? `oc_p2p_${person}` : undefined;
}

function envelope(type: string, event: unknown): FeishuEnvelope {
  return {
    schema: '2.0',
    header: {
      event_id: randomUUID().replace(/-/g, ''),
      event_type: type,
      create_time: String(Date.now()),
      app_id: 'cli_local',
      tenant_key: 'local',
    },
    event,
  };
}
