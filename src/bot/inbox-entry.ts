import { z } from 'zod';
import { EnvelopeSchema } from './envelope.ts';

/** What the receiver records for each acknowledged event. */
export const InboxEntrySchema = z.object({
  v: z.literal(1),
  /** The dedupe key: `msg:<keyed hash of the message_id>` for messages, `evt:<event_id>` otherwise. */
  key: z.string(),
  receivedAt: z.number(),
  /** How it arrived, for logs. */
  via: z.enum(['webhook', 'websocket', 'local']),
  envelope: EnvelopeSchema,
});
export type InboxEntry = z.infer<typeof InboxEntrySchema>;
