/**
 * Characters that card markdown would read as syntax: `<at>`, `<font>`, links,
 * emphasis, headings, code. Feishu's documented escape is the HTML entity.
 */
const MARKDOWN_ENTITIES: Record<string, string> = {
  '&': '&#38;',
  '<': '&#60;',
  '>': '&#62;',
  '*': '&#42;',
  _: '&#95;',
  '~': '&#126;',
  '`': '&#96;',
  '[': '&#91;',
  ']': '&#93;',
  '(': '&#40;',
  ')': '&#41;',
  '#': '&#35;',
  '|': '&#124;',
  '\\': '&#92;',
  '!': '&#33;',
  '-': '&#45;',
  '+': '&#43;',
};

/** Escapes user text for a card `markdown` element, so nobody can inject @all, links or markup. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[&<>*_~`[\]()#|\\!\-+]/g, (c) => MARKDOWN_ENTITIES[c] ?? c);
}

/** A mention in card markdown. The id is ours (an open_id), never user text, but it is checked anyway. */
export function atMarkdown(openId: string): string {
  return /^ou_[0-9A-Za-z_-]+$/.test(openId) ? `<at id=${openId}></at>` : '';
}
