import { type CommandInfo, HELP_SECTIONS, type HelpSection } from '../../bot/command-info.ts';
import type { BotContext } from '../../bot/context.ts';
import { type HelpModel, helpCard } from '../../cards/core/help-card.ts';
import { isStaff, shownRoles } from '../../domain/roles.ts';
import { joinList } from '../../i18n/index.ts';
import { type Content, cardContent } from '../../messages/content.ts';

/** The commands this person may use, in help order. */
export function commandsFor(ctx: BotContext): CommandInfo[] {
  return ctx.commands.filter((c) => !c.allowed || c.allowed(ctx.actor));
}

/** The help card's model for this person: only the commands their roles allow. */
export function helpModel(ctx: BotContext, open?: HelpSection, mine = commandsFor(ctx)): HelpModel {
  return {
    university: ctx.org.university,
    name: ctx.actor.name ?? ctx.t(isStaff(ctx.actor) ? 'role.teacher' : 'role.student'),
    roles: joinList(
      ctx.locale,
      shownRoles(ctx.actor).map((r) => ctx.t(`role.${r}`)),
    ),
    open,
    sections: HELP_SECTIONS.map((section) => ({
      section,
      entries: mine
        .filter((c) => c.section === section)
        .map((c) => ({
          usage: ctx.t(c.usage),
          summary: ctx.t(c.summary),
          aliases: displayNames(ctx, c),
          examples: c.examples && ctx.t(c.examples),
        })),
    })),
  };
}

/** The names a person can type, other than the one in the usage line. */
function displayNames(ctx: BotContext, c: CommandInfo): string[] {
  const shown = ctx.t(c.usage).split(/\s/)[0]?.slice(1);
  return [c.name, ...c.aliases].filter((n) => n !== shown).map((n) => `/${n}`);
}

const CACHE_MAX = 500;
const cards = new Map<string, Content>();

/**
 * The help card as message content, built once for each distinct card (what it shows
 * depends only on the commands allowed, the name and roles shown, the open section and
 * the locale): `/help` is the command most sent, and building it cost more than the rest
 * of the update.
 */
export function helpContent(ctx: BotContext, open?: HelpSection): Content {
  const mine = commandsFor(ctx);
  const model = { name: ctx.actor.name, roles: [...ctx.actor.roles].sort().join(), open, locale: ctx.locale };
  const key = JSON.stringify([model, ctx.org.university, mine.map((c) => c.name)]);
  let content = cards.get(key);
  if (!content) {
    if (cards.size >= CACHE_MAX) cards.clear();
    content = cardContent(helpCard(helpModel(ctx, open, mine), ctx.t));
    cards.set(key, content);
  }
  return content;
}
