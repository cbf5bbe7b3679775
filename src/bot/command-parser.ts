import type { MessageEvent } from './envelope.ts';

/** A message's text with mentions taken out, and who was mentioned. */
export interface MessageText {
  text: string;
  mentionedOpenIds: string[];
  /** Everyone mentioned, with names, in order. */
  mentions: { openId: string; name?: string }[];
  mentionsAll: boolean;
}

/**
 * Reads the text of a `text` or `post` message. Mention placeholders (`@_user_1`,
 * `@_all`) are removed from the text and reported separately. Other message types
 * (images, files…) have no text.
 */
export function messageText(message: MessageEvent['message']): MessageText | undefined {
  let raw: string;
  try {
    const content = JSON.parse(message.content) as unknown;
    if (message.message_type === 'text') raw = String((content as { text?: unknown }).text ?? '');
    else if (message.message_type === 'post') raw = postText(content);
    else return undefined;
  } catch {
    return undefined;
  }
  const mentions = message.mentions ?? [];
  const keys = new Set(mentions.map((m) => m.key));
  const text = raw
    .replace(/@_user_\d+|@_all/g, (key) => (keys.has(key) || key === '@_all' ? ' ' : key))
    .replace(/\s+/g, ' ')
    .trim();
  return {
    text,
    mentionedOpenIds: mentions.map((m) => m.id.open_id).filter((id): id is string => !!id),
    mentions: mentions
      .filter((m) => m.key !== '@_all' && m.id.open_id)
      .map((m) => ({ openId: m.id.open_id as string, ...(m.name ? { name: m.name } : {}) })),
    mentionsAll: mentions.some((m) => m.key === '@_all') || /@_all\b/.test(raw),
  };
}

/** Received post content: `{title, content: [[{tag:'text', text}, {tag:'at', user_id:'@_user_1'}]]}`. */
function postText(content: unknown): string {
  const body = content as { title?: string; content?: unknown[][] };
  const lines = (body.content ?? []).map((para) =>
    (Array.isArray(para) ? para : [])
      .map((node) => {
        const n = node as { tag?: string; text?: string; user_id?: string };
        if (n.tag === 'text' || n.tag === 'a') return n.text ?? '';
        if (n.tag === 'at') return ` ${n.user_id ?? ''} `;
        return '';
      })
      .join(''),
  );
  return lines.join('\n');
}

/** A parsed command: its name (lower case, without the slash) and the rest. */
export interface ParsedCommand {
  name: string;
  args: string[];
  /** Everything after the command name, as typed (mentions taken out). */
  rest: string;
  /** People @-mentioned in the message (the bot and @所有人 excluded), in order. */
  mentions: { openId: string; name?: string }[];
}

/** `/apply 学术部`, `／申请 学术部` → `{ name, args }`. Returns undefined for text that is not a command. */
export function parseCommand(text: string): ParsedCommand | undefined {
  const match = /^[/／]\s*(\S+)(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match?.[1]) return undefined;
  const rest = (match[2] ?? '').trim();
  return { name: match[1].toLowerCase(), args: rest ? rest.split(/\s+/) : [], rest, mentions: [] };
}
