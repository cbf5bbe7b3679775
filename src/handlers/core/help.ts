import type { Command } from '../../bot/command.ts';
import { helpContent } from './help-model.ts';

/** `/help`: the commands this person may use, as a card with a button per section. */
export const help: Command = {
  name: 'help',
  aliases: ['帮助', 'h', '?'],
  section: 'general',
  summary: 'cmd.help.summary',
  usage: 'cmd.help.usage',
  // Help lists what the person may use, and `/resign` is for members (a live role).
  liveRoles: true,
  async run(ctx) {
    ctx.replyContent(helpContent(ctx));
  },
};
