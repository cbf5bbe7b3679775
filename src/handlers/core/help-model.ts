import { type CommandInfo, HELP_SECTIONS, type HelpSection } from '../../bot/command-info.ts';
import type { BotContext } from '../../bot/context.ts';
import type { HelpModel } from '../../cards/core/help-card.ts';
import { ROLES } from '../../domain/roles.ts';
import { joinList } from '../../i18n/index.ts';

/** The help card's model for this person: only the commands their roles allow. */
export function helpModel(ctx: BotContext, open?: HelpSection): HelpModel {
  const mine = ctx.commands.filter((c) => !c.allowed || c.allowed(ctx.actor));
  return {
    university: ctx.org.university,
    name: ctx.actor.name,
    roles: joinList(
      ctx.locale,
      ROLES.filter((r) => ctx.actor.roles.has(r)).map((r) => ctx.t(`role.${r}`)),
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
