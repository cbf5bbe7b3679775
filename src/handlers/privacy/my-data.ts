import type { Command } from '../../bot/command.ts';
import type { BotContext } from '../../bot/context.ts';
import { shownRoles } from '../../domain/roles.ts';
import { joinList } from '../../i18n/index.ts';
import { dateOf } from '../../lib/dates.ts';
import { fileMessage, MAX_FILE_BYTES } from '../../messages/outbox-message.ts';
import { DATA_SOURCES, type DataSource } from './data-sources.ts';

/** What the bot holds about the asking person: who they are to it, then each source's records. */
export async function myDataExport(
  ctx: BotContext,
  sources: readonly DataSource[] = DATA_SOURCES,
): Promise<{ about: Record<string, unknown>; parts: Record<string, readonly unknown[]> }> {
  const { actor } = ctx;
  const collected = await Promise.all(sources.map((s) => s.collect(ctx, actor.openId)));
  const name = actor.name ?? ctx.directory.nameOf(actor.openId);
  return {
    about: {
      university: ctx.org.university,
      openId: actor.openId,
      ...(name ? { name } : {}),
      roles: shownRoles(actor),
      exportedAt: ctx.now().toISOString(),
      ticketRetentionDays: ctx.org.grievances.retentionDays,
    },
    parts: Object.fromEntries(sources.map((s, i) => [s.id, collected[i] ?? []])),
  };
}

/**
 * `/我的数据` (issue 10, item 10): everything the bot holds about the asking student —
 * applications, seats and exits, tickets (anonymous ones too: they are theirs) and
 * co-signatures — as a JSON file in their direct chat, with a line counting each part.
 * Only their own: every source reads by their open_id (or its keyed hash) and leaves out
 * other people's ids.
 */
export const myData: Command = {
  name: 'mydata',
  aliases: ['我的数据'],
  section: 'general',
  summary: 'cmd.mydata.summary',
  usage: 'cmd.mydata.usage',
  // Personal data: in a group it answers briefly there and continues in p2p.
  private: true,
  liveRoles: true,
  async run(ctx) {
    const data = await myDataExport(ctx);
    const content = JSON.stringify({ about: data.about, ...data.parts }, null, 2);
    const bytes = Buffer.byteLength(content, 'utf8');
    if (bytes > MAX_FILE_BYTES) {
      ctx.log.warn({ bytes }, 'mydata: export over the file limit');
      ctx.reply(ctx.t('myData.tooLarge'));
      return;
    }
    const fileName = ctx.t('myData.fileName', { date: dateOf(ctx.now(), ctx.org.timezone) });
    const counts = DATA_SOURCES.map((s) => ctx.t(s.label, { n: data.parts[s.id]?.length ?? 0 }));
    ctx.reply(ctx.t('myData.sent', { fileName, parts: joinList(ctx.locale, counts) }));
    ctx.uow.send(fileMessage(ctx.conversation.to, fileName, content));
  },
};
