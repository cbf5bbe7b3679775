import type { Command } from '../../bot/command.ts';
import { UserError } from '../../bot/errors.ts';
import { isStaff } from '../../domain/roles.ts';
import { cosignTicket } from './cosigning.ts';
import { TICKET_ID } from './tickets.ts';

/** `/cosign <id>` (`/附议`): another student joins an open ticket and is told its outcome. */
export const cosignCommand: Command = {
  name: 'cosign',
  aliases: ['附议'],
  section: 'general',
  summary: 'cmd.cosign.summary',
  usage: 'cmd.cosign.usage',
  examples: 'cmd.cosign.examples',
  private: true,
  // For students: staff handle tickets, they do not co-sign them.
  allowed: (actor) => !isStaff(actor),
  async run(ctx, command) {
    const id = (command.args[0] ?? '').toUpperCase();
    if (!TICKET_ID.test(id)) throw new UserError('cosign.usage');
    const n = await cosignTicket(ctx, id);
    ctx.reply(ctx.t('cosign.done', { id, n }));
  },
};
