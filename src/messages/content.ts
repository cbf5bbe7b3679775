import type { Card } from '../cards/card.ts';
import type { MsgType } from './outbox-message.ts';

/** Message content for the outbox: the type and the JSON string Feishu expects. */
export interface Content {
  msgType: MsgType;
  content: string;
}

/**
 * Plain text as a `post` message of text nodes. Unlike a `text` message, a post's
 * text node does not interpret `<at …>` tags, so user text placed in it cannot
 * mention everyone or smuggle markup.
 */
export function textContent(text: string): Content {
  const paragraphs = text.split('\n').map((line) => [{ tag: 'text', text: line }]);
  return { msgType: 'post', content: JSON.stringify({ zh_cn: { content: paragraphs } }) };
}

/** A schema-2.0 card. */
export function cardContent(card: Card): Content {
  return { msgType: 'interactive', content: JSON.stringify(card) };
}
