/** Card JSON 2.0, as much of it as the bot uses. Cards are plain data built by pure functions. */
export interface Card {
  schema: '2.0';
  config: { update_multi: true; width_mode?: 'default' | 'fill' | 'compact'; summary?: { content: string } };
  header?: {
    title: { tag: 'plain_text'; content: string };
    subtitle?: { tag: 'plain_text'; content: string };
    template?: CardColor;
  };
  body: { elements: CardElement[] };
}

export type CardColor =
  | 'blue'
  | 'wathet'
  | 'turquoise'
  | 'green'
  | 'yellow'
  | 'orange'
  | 'red'
  | 'grey'
  | 'violet'
  | 'indigo';

export type CardElement = Record<string, unknown> & { tag: string };

/** A new card with a header. */
export function card(
  title: string,
  elements: CardElement[],
  template: CardColor = 'blue',
  subtitle?: string,
): Card {
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: title } },
    header: {
      title: { tag: 'plain_text', content: title },
      ...(subtitle ? { subtitle: { tag: 'plain_text' as const, content: subtitle } } : {}),
      template,
    },
    body: { elements },
  };
}

/** A markdown element. Pass escaped text only (see escape.ts). */
export function markdown(content: string): CardElement {
  return { tag: 'markdown', content };
}

export function divider(): CardElement {
  return { tag: 'hr' };
}

/** A button whose click comes back as a `card.action.trigger` callback with `value`. */
export function button(
  text: string,
  value: Record<string, unknown>,
  type: 'default' | 'primary' | 'danger' | 'primary_filled' | 'danger_filled' | 'text' = 'default',
): CardElement {
  return {
    tag: 'button',
    text: { tag: 'plain_text', content: text },
    type,
    behaviors: [{ type: 'callback', value }],
  };
}

/** Buttons side by side, wrapping on narrow screens. */
export function buttonRow(buttons: CardElement[]): CardElement {
  return {
    tag: 'column_set',
    flex_mode: 'flow',
    horizontal_spacing: '8px',
    columns: buttons.map((b) => ({ tag: 'column', width: 'auto', elements: [b] })),
  };
}
