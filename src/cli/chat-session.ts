import { randomUUID } from 'node:crypto';
import type { LocalMessage } from '../bot/console-sender.ts';
import { localOpenId } from '../bot/directory.ts';
import type { TextButton } from '../cards/render-text.ts';
import { renderCardText } from '../cards/render-text.ts';
import { parsePersonRef } from '../config/org.ts';
import type { Runtime } from '../runtime.ts';

/** Someone the local chat can speak as. */
export interface ChatPerson {
  name: string;
  openId: string;
}

export const LOCAL_GROUP_CHAT = 'oc_local_group';

/**
 * A local conversation with the bot: what a person types becomes a real
 * `im.message.receive_v1` event (a card click, a `card.action.trigger`), posted
 * through the same receiver as Feishu's, and the replies come back as text.
 */
export class ChatSession {
  private current!: ChatPerson;
  /** The last card each person received, so switching person brings their buttons. */
  private readonly lastCards = new Map<string, { buttons: TextButton[]; messageId: string }>();

  get person(): ChatPerson {
    return this.current;
  }

  set person(next: ChatPerson) {
    this.current = next;
    const last = this.lastCards.get(next.openId);
    this.buttons = last?.buttons ?? [];
    this.lastCardMessageId = last?.messageId;
  }
  inGroup = false;
  /** Buttons of the last card shown to the current person, by number. */
  buttons: TextButton[] = [];
  private lastCardMessageId: string | undefined;
  private seq = 0;
  private readonly shown: LocalMessage[] = [];

  constructor(private readonly rt: Runtime) {
    this.person = this.find('student') ?? { name: '同学', openId: localOpenId('student:local') };
  }

  /** The sender passes every outgoing message here. */
  collect = (m: LocalMessage): void => {
    this.shown.push(m);
  };

  /** Everyone in the org file, plus any other name (a new student). */
  find(who: string): ChatPerson | undefined {
    const people = this.rt.directory.people();
    const hit = people.find(
      (p) => p.name === who || p.key === who || p.openId === who || p.key.endsWith(`:${who}`),
    );
    if (hit?.openId) return { name: hit.name ?? who, openId: hit.openId };
    if (who === 'student') return undefined;
    const ref = parsePersonRef(who);
    return { name: who, openId: ref?.kind === 'open_id' ? ref.value : localOpenId(`student:${who}`) };
  }

  people(): { name: string; roles: string }[] {
    return this.rt.directory.people().map((p) => {
      const actor = this.rt.directory.actorFor({ openId: p.openId ?? '' });
      return { name: p.name ?? p.key, roles: [...actor.roles].filter((r) => r !== 'student').join(', ') };
    });
  }

  /** Sends a text message as the current person; returns what the bot answered. */
  async say(text: string): Promise<LocalMessage[]> {
    const id = ++this.seq;
    const mentionsBot = /@bot\b|@学生会助手/.test(text);
    const body = text.replace(/@bot\b|@学生会助手/g, '@_user_1');
    const botOpenId = this.rt.bot.identity?.openId ?? 'ou_local_bot';
    const event = {
      sender: { sender_id: { open_id: this.person.openId }, sender_type: 'user', tenant_key: 'local' },
      message: {
        message_id: `om_chat_${id}_${randomUUID().slice(0, 8)}`,
        create_time: String(Date.now()),
        chat_id: this.inGroup ? LOCAL_GROUP_CHAT : `oc_p2p_${this.person.openId}`,
        chat_type: this.inGroup ? 'group' : 'p2p',
        message_type: 'text',
        content: JSON.stringify({ text: body }),
        mentions: mentionsBot ? [{ key: '@_user_1', id: { open_id: botOpenId }, name: '学生会助手' }] : [],
      },
    };
    await this.post(this.envelope('im.message.receive_v1', event));
    return this.flush();
  }

  /** Clicks button `n` (1-based) of the last card; `form` fills a form's fields. */
  async click(
    n: number,
    form?: Record<string, unknown>,
  ): Promise<{ toast?: string; messages: LocalMessage[] }> {
    const button = this.buttons[n - 1];
    if (!button) throw new Error(`no button ${n}`);
    const event = {
      operator: { open_id: this.person.openId },
      token: `c-local-${randomUUID()}`,
      action: { value: button.value, tag: 'button', ...(form ? { form_value: form, name: 'submit' } : {}) },
      host: 'im_message',
      context: { open_message_id: this.lastCardMessageId ?? 'om_local_0', open_chat_id: this.chatId() },
    };
    const res = await this.post(this.envelope('card.action.trigger', event));
    const answer = (res ?? {}) as { toast?: { content?: string }; card?: { data?: unknown } };
    const messages = await this.flush();
    if (answer.card?.data) {
      const rendered = renderCardText(answer.card.data);
      this.buttons = rendered.buttons;
      messages.unshift({
        messageId: this.lastCardMessageId ?? '',
        kind: 'patch',
        to: 'card (updated)',
        rendered,
      });
    }
    return { toast: answer.toast?.content, messages };
  }

  private chatId(): string {
    return this.inGroup ? LOCAL_GROUP_CHAT : `oc_p2p_${this.person.openId}`;
  }

  private envelope(type: string, event: unknown) {
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

  private async post(envelope: unknown): Promise<unknown> {
    const res = await this.rt.app.request('/lark/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(envelope),
    });
    if (res.status !== 200)
      throw new Error(`the receiver refused the event: ${res.status} ${await res.text()}`);
    return res.json();
  }

  /** Runs the inbox and outbox until quiet; returns everything sent (a job's messages). */
  async flushAll(): Promise<LocalMessage[]> {
    this.shown.length = 0;
    while ((await this.rt.inbox.drain()) + (await this.rt.outbox.drain()) > 0) {
      // keep going
    }
    this.remember(this.shown);
    return [...this.shown];
  }

  /** Notes the last card with buttons each person got. */
  private remember(messages: readonly LocalMessage[]): void {
    for (const m of messages) {
      const to = /(?:open_id |chat oc_p2p_)(ou_[\w-]+)/.exec(m.to)?.[1];
      if (to && m.rendered.buttons.length > 0) {
        this.lastCards.set(to, { buttons: m.rendered.buttons, messageId: m.messageId });
      }
    }
  }

  /** Runs the inbox and outbox until quiet; returns what was sent that this person (or their chat) sees. */
  private async flush(): Promise<LocalMessage[]> {
    this.shown.length = 0;
    while ((await this.rt.inbox.drain()) + (await this.rt.outbox.drain()) > 0) {
      // keep going: handling may queue more
    }
    const mine = this.shown.filter(
      (m) => m.to.includes(this.person.openId) || m.to.includes(this.chatId()) || m.kind === 'patch',
    );
    this.remember(this.shown);
    const lastCard = [...mine].reverse().find((m) => m.rendered.buttons.length > 0);
    if (lastCard) {
      this.buttons = lastCard.rendered.buttons;
      this.lastCardMessageId = lastCard.messageId;
    }
    const others = this.shown.filter((m) => !mine.includes(m));
    return [...mine, ...others];
  }
}
