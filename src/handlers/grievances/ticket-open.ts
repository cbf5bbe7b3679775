import { z } from 'zod';
import { defineAction } from '../../bot/command.ts';
import { triageTrack } from '../../cards/grievances/ticket-cards.ts';
import { officerOn, triageOf } from './tickets.ts';

/** A `/工单` or `/待办` button: sends the clicker the ticket's triage card (tracked, so it updates too). */
export const ticketOpen = defineAction({
  name: 'ticket.open',
  value: z.object({
    a: z.literal('ticket.open'),
    id: z.string().regex(/^Q-\d{4}-\d{4,6}$/),
    v: z.literal(1),
  }),
  liveRoles: true,
  async run(ctx, value) {
    const { ticket } = await officerOn(ctx, value.id);
    ctx.sendCard({ type: 'open_id', id: ctx.actor.openId }, triageOf(ctx, ticket), triageTrack(ticket.id));
    return {};
  },
});
