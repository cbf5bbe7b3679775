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
