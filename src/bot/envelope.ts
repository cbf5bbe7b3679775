import { z } from 'zod';

/** `url_verification`, sent when the request URL is saved in the console. */
export const ChallengeSchema = z.object({
  type: z.literal('url_verification'),
  challenge: z.string().min(1).max(512),
  token: z.string().optional(),
});

const UserIds = z.object({
  open_id: z.string().optional(),
  user_id: z.string().nullish(),
  union_id: z.string().optional(),
});

const Header = z.object({
  event_id: z.string().min(1).max(128),
  event_type: z.string().min(1),
  create_time: z.string().optional(),
  token: z.string().optional(),
  app_id: z.string().optional(),
  tenant_key: z.string().optional(),
});

/** Any schema-2.0 envelope: the header is checked, the event is checked per type below. */
export const EnvelopeSchema = z.object({
  schema: z.literal('2.0'),
  header: Header,
  event: z.record(z.string(), z.unknown()),
});
export type Envelope = z.infer<typeof EnvelopeSchema>;

/** `im.message.receive_v1`'s event. */
export const MessageEventSchema = z.object({
  sender: z.object({
    sender_id: UserIds.extend({ open_id: z.string().min(1) }),
    sender_type: z.string(),
    tenant_key: z.string().optional(),
  }),
  message: z.object({
    message_id: z.string().min(1).max(128),
    root_id: z.string().optional(),
    parent_id: z.string().optional(),
    create_time: z.string().optional(),
    chat_id: z.string().min(1),
    thread_id: z.string().optional(),
    chat_type: z.string(),
    message_type: z.string(),
    content: z.string(),
    mentions: z
      .array(
        z.object({
          key: z.string(),
          id: UserIds,
          name: z.string().optional(),
          tenant_key: z.string().optional(),
        }),
      )
      .optional(),
  }),
});
export type MessageEvent = z.infer<typeof MessageEventSchema>;

/** `card.action.trigger`'s event (the schema-2.0 card callback). */
export const CardActionEventSchema = z.object({
  operator: UserIds.extend({ open_id: z.string().min(1) }),
  token: z.string().optional(),
  action: z.object({
    value: z.unknown().optional(),
    tag: z.string().optional(),
    name: z.string().optional(),
    form_value: z.record(z.string(), z.unknown()).optional(),
    input_value: z.string().optional(),
    option: z.string().optional(),
    timezone: z.string().optional(),
  }),
  host: z.string().optional(),
  context: z
    .object({
      open_message_id: z.string().optional(),
      open_chat_id: z.string().optional(),
    })
    .optional(),
});
export type CardActionEvent = z.infer<typeof CardActionEventSchema>;

export const MESSAGE_EVENT = 'im.message.receive_v1';
export const CARD_ACTION_EVENT = 'card.action.trigger';

/** What a card callback answers: a toast and/or a replacement card (schema 2.0). */
export interface CardActionResponse {
  toast?: { type: 'info' | 'success' | 'error' | 'warning'; content: string };
  card?: { type: 'raw'; data: Record<string, unknown> };
}

/**
 * The card callback Feishu sends, checked by hand: every click of a stampede passes here,
 * and zod's copy of the envelope and the event is a good share of a click's cost.
 * Returns the payload as it is (unknown keys kept, which nothing on the card path reads)
 * only when zod would accept it too; anything else (`undefined`) goes through the schemas.
 */
export function fastCardCallback(plain: unknown): { envelope: Envelope; event: CardActionEvent } | undefined {
  if (!isRecord(plain) || plain.schema !== '2.0') return undefined;
  const { header, event } = plain;
  if (!isRecord(header) || header.event_type !== CARD_ACTION_EVENT) return undefined;
  const id = header.event_id;
  if (typeof id !== 'string' || id.length === 0 || id.length > 128) return undefined;
  if (!optionalStrings(header, HEADER_STRINGS) || !isRecord(event)) return undefined;
  const { operator, action, context } = event;
  if (!isRecord(operator) || !isRecord(action)) return undefined;
  const openId = operator.open_id;
  if (typeof openId !== 'string' || openId.length === 0) return undefined;
  if (operator.user_id !== undefined && operator.user_id !== null && typeof operator.user_id !== 'string')
    return undefined;
  if (operator.union_id !== undefined && typeof operator.union_id !== 'string') return undefined;
  if (!optionalStrings(event, EVENT_STRINGS) || !optionalStrings(action, ACTION_STRINGS)) return undefined;
  if (action.form_value !== undefined && !isRecord(action.form_value)) return undefined;
  if (context !== undefined && !(isRecord(context) && optionalStrings(context, CONTEXT_STRINGS)))
    return undefined;
  return { envelope: plain as Envelope, event: event as CardActionEvent };
}

const HEADER_STRINGS = ['create_time', 'token', 'app_id', 'tenant_key'] as const;
const EVENT_STRINGS = ['token', 'host'] as const;
const ACTION_STRINGS = ['tag', 'name', 'input_value', 'option', 'timezone'] as const;
const CONTEXT_STRINGS = ['open_message_id', 'open_chat_id'] as const;

/** A plain object as JSON.parse makes it (what zod's object and record accept). */
function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function optionalStrings(o: Record<string, unknown>, keys: readonly string[]): boolean {
  for (const k of keys) if (o[k] !== undefined && typeof o[k] !== 'string') return false;
  return true;
}
