import { z } from 'zod';
import { defineAction } from '../../bot/command.ts';
import { cosignTicket } from './cosigning.ts';

/** "附议" on the similar-ticket card. */
export const ticketCosign = defineAction({
  name: 'ticket.cosign',
  value: z.object({
    a: z.literal('ticket.cosign'),
    id: z.string().regex(/^Q-\d{4}-\d{4,6}$/),
    v: z.literal(1),
  }),
  async run(ctx, value) {
    const n = await cosignTicket(ctx, value.id);
    return { toast: { type: 'success', content: ctx.t('cosign.done', { id: value.id, n }) } };
  },
});
