import type { Command } from '../../bot/command.ts';
import type { BotContext } from '../../bot/context.ts';
import { UserError } from '../../bot/errors.ts';
import { REMOVE_REASON_MAX, removeConfirmCard } from '../../cards/recruitment/remove-card.ts';
import type { Department } from '../../config/org.ts';
import { findDepartment } from '../../domain/org-names.ts';
import { hasRole } from '../../domain/roles.ts';
import { joinList } from '../../i18n/index.ts';
import { findMember, namesFor, seatedDepartments } from './members.ts';

/**
 * `/remove <member> [department] <reason>` (`/免职`): the presidium removes a member
 * (source document 四4: 建立健全学生干部退出机制). The member is @-ed, or named by name,
 * student number or email (a direct chat cannot @ anyone). Nothing happens until the
 * presidium confirms on the card (name, department, reason): see `membership.remove`.
 */
export const remove: Command = {
  name: 'remove',
  aliases: ['免职'],
  section: 'recruitment',
  summary: 'cmd.remove.summary',
  usage: 'cmd.remove.usage',
  examples: 'cmd.remove.examples',
  allowed: (actor) => hasRole(actor, 'presidium'),
  private: false,
  async run(ctx, command) {
    const [mention] = command.mentions;
    // Without a mention the first word names the member.
    const words = mention ? command.args : command.args.slice(1);
    const who = mention ? `@${mention.name ?? ''}`.trim() : (command.args[0] ?? '');
    if (!mention && !who) throw new UserError('remove.noMention');
    const target = mention
      ? { openId: mention.openId, name: await nameOf(ctx, mention.openId, mention.name) }
      : await named(ctx, who);
    const held = await seatedDepartments(ctx, target.openId);
    if (held.length === 0) throw new UserError('remove.notMember', { name: target.name });
    const [first = '', ...others] = words;
    const department: Department | undefined = findDepartment(held, first);
    const reason = (department ? others : words).join(' ').trim();
    if (!reason) throw new UserError('remove.noReason', { who });
    if ([...reason].length > REMOVE_REASON_MAX)
      throw new UserError('remove.reasonLength', { max: REMOVE_REASON_MAX });
    const chosen = department ?? (held.length === 1 ? held[0] : undefined);
    if (!chosen) {
      throw new UserError('remove.which', {
        name: target.name,
        who,
        departments: joinList(
          ctx.locale,
          held.map((d) => d.name),
        ),
      });
    }
    ctx.replyCard(
      removeConfirmCard(
        {
          openId: target.openId,
          name: target.name,
          department: chosen.id,
          departmentName: chosen.name,
          reason,
        },
        ctx.t,
      ),
    );
  },
};

async function nameOf(ctx: BotContext, openId: string, mentioned?: string): Promise<string> {
  const known = (await namesFor(ctx, [openId])).get(openId);
  return known && known !== openId ? known : (mentioned ?? openId);
}

/** The member named by name, student number or email; refused (naming the candidates) otherwise. */
async function named(ctx: BotContext, who: string): Promise<{ openId: string; name: string }> {
  const found = await findMember(ctx, who);
  if (found.ok) return found;
  if (found.why === 'ambiguous') {
    const people = found.people.map((p) => `${p.name}（${joinList(ctx.locale, p.departments)}）`);
    throw new UserError('remove.ambiguous', { who, people: joinList(ctx.locale, people) });
  }
  throw new UserError('remove.notFound', { who });
}
