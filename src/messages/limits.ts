import type { Content } from './content.ts';

/** Feishu refuses a card or a post over 30 KB of content, a text over 150 KB (code 230025). */
export const MAX_CONTENT_BYTES: Record<Content['msgType'], number> = {
  interactive: 30 * 1024,
  post: 30 * 1024,
  text: 150 * 1024,
};

/** Whether Feishu would refuse the content for its size. */
export function tooLarge(content: Content): boolean {
  return Buffer.byteLength(content.content, 'utf8') > MAX_CONTENT_BYTES[content.msgType];
}

/** User text echoed back in a reply: at most `max` characters, with an ellipsis when cut. */
export function clip(text: string, max = 40): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…`;
}
