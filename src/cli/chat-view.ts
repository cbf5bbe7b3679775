import type { TextButton, TextField } from '../cards/render-text.ts';
import type { ChatCard, ChatSession, ShownMessage } from './chat-session.ts';

type Out = (line: string) => void;
/** Asks one line; undefined when the input has ended. */
export type Ask = (prompt: string) => Promise<string | undefined>;

/**
 * Prints what the bot sent: who it went to, and the text; a card with buttons under its
 * number (`[卡片 3]`), its buttons as `[3.1]`, `[3.2]`, so any of them can be clicked later.
 */
export function showMessages(messages: readonly ShownMessage[], session: ChatSession, out: Out): void {
  if (messages.length === 0) out('  （没有回复）');
  for (const m of messages) {
    const card = m.card
      ? `  [卡片 ${m.card}${m.kind === 'patch' || m.kind === 'card-update' ? ' 已更新' : ''}]`
      : '';
    out(`\n  ← ${describeTarget(m.to, session)}${card}`);
    const text = m.card
      ? m.rendered.text.replace(/^ {2}\[(\d+)\] /gm, (_, n: string) => `  [${m.card}.${n}] `)
      : m.rendered.text;
    out(
      text
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n'),
    );
  }
  out('');
}

/** `:cards`: every card with buttons in the conversation, with its number and buttons. */
export function showCards(session: ChatSession, out: Out): void {
  const cards = session.allCards();
  if (cards.length === 0) out('  还没有带按钮的卡片。');
  for (const c of cards) {
    out(`  [卡片 ${c.n}] → ${describeTarget(c.to, session)}`);
    out(
      `      ${c.buttons.map((b, i) => `${c.n}.${i + 1} ${b.label}`).join('   ') || '（没有可点的按钮了）'}`,
    );
  }
}

/** A line saying whose card is clicked, when it is not the current person's. */
export function clickNote(card: ChatCard, session: ChatSession): string | undefined {
  if (card.to.includes(session.person.openId) || card === session.latestCard()) return undefined;
  return `  （卡片 ${card.n} 发给 ${describeTarget(card.to, session)}；以 ${session.person.name} 的身份点击）`;
}

/**
 * Asks for a form's fields, one prompt each: `  标签 *: ` for a required field, options
 * by number, the card's own value in brackets (an empty answer keeps it, like Feishu
 * submits it; without one an empty answer leaves the field blank). A required field is
 * asked again until answered, as Feishu will not submit without it. Undefined when the
 * input ended before the form was done.
 */
export async function fillForm(
  button: TextButton,
  ask: Ask,
  out: Out,
): Promise<Record<string, unknown> | undefined> {
  const form: Record<string, unknown> = {};
  for (const field of button.form?.fields ?? []) {
    for (;;) {
      const answer = await ask(fieldPrompt(field));
      if (answer === undefined) return undefined;
      const value = fieldValue(field, answer.trim());
      if ('error' in value) {
        out(`    ${value.error}`);
        continue;
      }
      if (value.value !== undefined) form[field.name] = value.value;
      break;
    }
  }
  return form;
}

function fieldPrompt(field: TextField): string {
  const options = field.options ? ` (${field.options.map((o, i) => `${i + 1}=${o.label}`).join(' ')})` : '';
  const initial = field.initial
    ? ` [${field.options?.find((o) => o.value === field.initial)?.label ?? field.initial}]`
    : '';
  return `  ${field.label}${field.required ? ' *' : ''}${options}${initial}: `;
}

function fieldValue(field: TextField, answer: string): { value: string | undefined } | { error: string } {
  if (answer === '') {
    if (field.initial !== undefined) return { value: field.initial };
    return field.required ? { error: '（必填）' } : { value: undefined };
  }
  if (!field.options) return { value: answer };
  const picked =
    (/^\d+$/.test(answer) ? field.options[Number(answer) - 1] : undefined) ??
    field.options.find((o) => o.label === answer || o.value === answer);
  return picked ? { value: picked.value } : { error: `请输入 1–${field.options.length} 的编号。` };
}

/** `open_id ou_…（王老师）`: the sender's description, with the person's name when the chat knows it. */
function describeTarget(to: string, session: ChatSession): string {
  if (to === 'card (updated)') return '卡片（点击后的新版本）';
  const openId = /ou_[\w-]+/.exec(to)?.[0];
  const name = openId ? session.nameOf(openId) : undefined;
  return name ? `${to}（${name}）` : to;
}
