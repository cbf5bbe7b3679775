import type { Translate } from '../../i18n/index.ts';
import type { ReportPart } from '../../report/section.ts';
import { button, buttonRow, type Card, type CardElement, card, divider, markdown } from '../card.ts';
import { escapeMarkdown } from '../escape.ts';

/** Feishu refuses cards over 30 KB or 200 components; we stay under with some room. */
export const CARD_MAX_BYTES = 28 * 1024;
export const CARD_MAX_ELEMENTS = 190;

export interface ReportCardModel {
  university: string;
  /** `YYYY-MM`. */
  month: string;
  parts: readonly ReportPart[];
  /** Set once the report went to the League committee (time already formatted for display). */
  sent?: { at: string; by: string };
  /** A draft shown to the presidium: it carries the send button. */
  canSend: boolean;
  /** The month is over and the report was not sent. */
  overdue?: boolean;
  /** A sent report shown again later: rebuilt from today's data. */
  rebuilt?: boolean;
}

/** The value of the send button. */
export function reportSendValue(month: string) {
  return { a: 'report.send', m: month, v: 1 } as const;
}

/** The monthly work report to the League committee, as a draft or as sent. */
export function reportCard(m: ReportCardModel, t: Translate): Card {
  const params = { university: m.university, month: m.month };
  const title = m.sent ? t('report.card.sent', params) : t('report.card.draft', params);
  const template = m.sent ? 'green' : m.overdue ? 'red' : 'blue';
  const status: CardElement[] = [];
  if (m.sent) {
    status.push(markdown(escapeMarkdown(t('report.sentLine', { at: m.sent.at, by: m.sent.by }))));
    if (m.rebuilt) status.push(markdown(escapeMarkdown(t('report.rebuiltNote'))));
  } else {
    if (m.overdue) {
      status.push(markdown(`<font color='red'>${escapeMarkdown(t('report.overdueLine', params))}</font>`));
    }
    status.push(markdown(escapeMarkdown(t(m.canSend ? 'report.intro.presidium' : 'report.intro.draft'))));
  }
  const footer: CardElement[] =
    !m.sent && m.canSend
      ? [divider(), buttonRow([button(t('report.sendButton'), reportSendValue(m.month), 'primary')])]
      : [];

  const elements = [...status];
  let budget = {
    // The header, config and summary repeat the title: a kilobyte covers them.
    bytes: CARD_MAX_BYTES - size([...status, ...footer]) - 1024,
    count: CARD_MAX_ELEMENTS - countElements([...status, ...footer]),
  };
  for (const part of m.parts) {
    const heading = [divider(), markdown(`**${escapeMarkdown(part.title)}**`)];
    const full = [...heading, ...part.elements];
    const omitted = [...heading, markdown(escapeMarkdown(t('report.omitted')))];
    const chosen = fits(full, budget) ? full : fits(omitted, budget) ? omitted : undefined;
    if (!chosen) {
      elements.push(markdown(escapeMarkdown(t('report.omittedRest'))));
      break;
    }
    elements.push(...chosen);
    budget = { bytes: budget.bytes - size(chosen), count: budget.count - countElements(chosen) };
  }
  return card(title, [...elements, ...footer], template, t('report.card.subtitle'));
}

function fits(elements: CardElement[], budget: { bytes: number; count: number }): boolean {
  // One element is kept back for the "rest omitted" line.
  return countElements(elements) < budget.count && size(elements) < budget.bytes - 256;
}

const utf8 = new TextEncoder();

function size(elements: CardElement[]): number {
  return utf8.encode(JSON.stringify(elements)).byteLength;
}

/** Components as Feishu counts them: nested ones (columns, their elements) too. */
function countElements(elements: readonly unknown[]): number {
  let n = 0;
  for (const el of elements) {
    if (!el || typeof el !== 'object') continue;
    n += 1;
    const node = el as { elements?: unknown; columns?: unknown };
    if (Array.isArray(node.elements)) n += countElements(node.elements);
    if (Array.isArray(node.columns)) n += countElements(node.columns);
  }
  return n;
}
