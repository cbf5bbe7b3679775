import type { HelpSection } from '../../bot/command-info.ts';
import type { Translate } from '../../i18n/index.ts';
import { button, buttonRow, type Card, type CardElement, card, divider, markdown } from '../card.ts';
import { escapeMarkdown } from '../escape.ts';

/** One command as the help card shows it. */
export interface HelpEntry {
  usage: string;
  summary: string;
  aliases: string[];
  examples?: string;
}

export interface HelpModel {
  university: string;
  name?: string;
  roles: string;
  sections: { section: HelpSection; entries: HelpEntry[] }[];
  /** The section opened, or the contents. */
  open?: HelpSection;
}

/** The value of a help-card button. */
export function helpSectionValue(section: HelpSection | 'index') {
  return { a: 'help.section', s: section, v: 1 } as const;
}

/** `/help` as a card: the contents with a button per section, or one section in detail. */
export function helpCard(m: HelpModel, t: Translate): Card {
  const title = t('help.title', { university: m.university });
  const head = [
    markdown(escapeMarkdown(t('help.intro', { name: m.name ?? t('role.student') }))),
    markdown(escapeMarkdown(t('help.roles', { roles: m.roles }))),
  ];
  const open = m.open && m.sections.find((s) => s.section === m.open);
  const elements: CardElement[] = open
    ? [
        markdown(`**${escapeMarkdown(t(`help.section.${open.section}`))}**`),
        ...(open.entries.length
          ? open.entries.map((e) => markdown(entryDetail(e, t)))
          : [markdown(t('help.empty'))]),
        buttonRow([button(t('help.back'), helpSectionValue('index'))]),
      ]
    : [
        ...head,
        divider(),
        ...m.sections
          .filter((s) => s.entries.length > 0)
          .map((s) =>
            markdown(
              `**${escapeMarkdown(t(`help.section.${s.section}`))}**\n${s.entries
                .map((e) => `· ${escapeMarkdown(t('help.entry', { usage: e.usage, summary: e.summary }))}`)
                .join('\n')}`,
            ),
          ),
        buttonRow(
          m.sections
            .filter((s) => s.entries.length > 0)
            .map((s) => button(t(`help.section.${s.section}`), helpSectionValue(s.section))),
        ),
      ];
  return card(title, [...elements, divider(), markdown(escapeMarkdown(t('help.footer')))], 'blue');
}

function entryDetail(e: HelpEntry, t: Translate): string {
  const lines = [`**${escapeMarkdown(e.usage)}**`, escapeMarkdown(e.summary)];
  if (e.examples) lines.push(escapeMarkdown(t('help.examples', { examples: e.examples })));
  if (e.aliases.length) lines.push(escapeMarkdown(t('help.aliases', { aliases: e.aliases.join('  ') })));
  return lines.join('\n');
}
