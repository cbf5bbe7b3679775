import { z } from 'zod';
import { defineAction, HELP_SECTIONS } from '../../bot/command.ts';
import { helpCard } from '../../cards/core/help-card.ts';
import { helpModel } from './help-model.ts';

/**
 * A section button on the help card: the card is rebuilt for whoever clicked,
 * from their own roles (a forwarded card shows nobody else's commands).
 */
export const helpSection = defineAction({
  name: 'help.section',
  value: z.object({ a: z.literal('help.section'), s: z.enum([...HELP_SECTIONS, 'index']), v: z.literal(1) }),
  liveRoles: true,
  async run(ctx, value) {
    const open = value.s === 'index' ? undefined : value.s;
    return { card: { type: 'raw', data: { ...helpCard(helpModel(ctx, open), ctx.t) } } };
  },
});
