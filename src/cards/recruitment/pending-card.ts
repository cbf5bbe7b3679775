import type { Translate } from '../../i18n/index.ts';
import { button, type Card, type CardElement, card, markdown } from '../card.ts';
import { escapeMarkdown } from '../escape.ts';

/** The value of a `/pending` item's button: bring back that application's approval card. */
export function applicationCardValue(id: string) {
  return { a: 'application.card', id, v: 1 } as const;
}

/** `/pending` as a card: what waits on the person, oldest first, each with a button to its approval card. */
export function pendingCard(
  items: readonly { id: string; line: string; open: Record<string, unknown> }[],
  t: Translate,
): Card {
  const elements: CardElement[] = [];
  for (const item of items) {
    elements.push(markdown(escapeMarkdown(item.line)));
    elements.push(button(t('pending.open', { id: item.id }), item.open, 'primary'));
  }
  elements.push(markdown(escapeMarkdown(t('pending.hint'))));
  return card(t('pending.title', { count: items.length }), elements, 'orange');
}
