import { type CardElement, groupedBarChart, markdown } from '../../cards/card.ts';
import { escapeMarkdown } from '../../cards/escape.ts';
import { categoryName, unitName } from '../../cards/grievances/ticket-cards.ts';
import type { Org } from '../../config/org.ts';
import type { Ticket } from '../../domain/tickets.ts';
import { joinList, type Locale, type Translate } from '../../i18n/index.ts';
import type { ReportPart, ReportSection } from '../section.ts';
import { median, monthSpan } from './recruitment.ts';

const HOUR_MS = 3600_000;

/** Received and resolved in the month, for one category or unit. */
export interface GrievanceCount {
  received: number;
  resolved: number;
}

/**
 * A month of grievances in numbers only: nothing here names a ticket, a reporter or an
 * officer, so the public summary can be built from it as safely as the report.
 */
export interface GrievanceMonth {
  /** Tickets filed in the month. */
  received: number;
  /** Tickets resolved in the month (filed then or earlier). */
  resolved: number;
  /** First responses given in the month, and the median hours from filing to them. */
  firstResponses: number;
  firstResponseHours: number | null;
  /** Resolutions in the month, and the median hours from filing to them (calendar hours, waits on the student included). */
  resolutionHours: number | null;
  /** Ratings given in the month (a ticket rated low, resolved again and rated again counts twice): how many, their average, how many were 1 or 2. */
  rated: number;
  averageRating: number | null;
  lowRatings: number;
  /** Service levels missed in the month (the escalation job's `first:breach` and `resolve:breach`). */
  breaches: { firstResponse: number; resolution: number };
  /** By category id: filed and resolved in the month. */
  byCategory: Record<string, GrievanceCount>;
  /** By handling unit (`school`, `college:<id>` …): filed, resolved and breaches in the month. */
  byUnit: Record<string, GrievanceCount & { breaches: number }>;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The score of a `rated` trail entry's note (`4`, or `2：comment`). */
function ratingOf(note: string | undefined): number | undefined {
  const m = /^([1-5])(?:：|$)/.exec(note ?? '');
  return m ? Number(m[1]) : undefined;
}

/**
 * Counts a month from the tickets filed before it ended. Pure: the report section, the
 * monthly public summary and the tests use it. Tickets deleted by the retention job are
 * not counted any more (a month more than the retention period back loses its closed ones).
 */
export function grievanceMonth(
  tickets: readonly Ticket[],
  span: { start: number; end: number },
): GrievanceMonth {
  const inMonth = (iso: string | undefined) => {
    if (!iso) return false;
    const t = Date.parse(iso);
    return t >= span.start && t < span.end;
  };
  const hours = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / HOUR_MS;
  const out: GrievanceMonth = {
    received: 0,
    resolved: 0,
    firstResponses: 0,
    firstResponseHours: null,
    resolutionHours: null,
    rated: 0,
    averageRating: null,
    lowRatings: 0,
    breaches: { firstResponse: 0, resolution: 0 },
    byCategory: {},
    byUnit: {},
  };
  const firsts: number[] = [];
  const resolutions: number[] = [];
  const scores: number[] = [];
  for (const t of tickets) {
    const cat = out.byCategory[t.category] ?? { received: 0, resolved: 0 };
    const unit = out.byUnit[t.unit] ?? { received: 0, resolved: 0, breaches: 0 };
    out.byCategory[t.category] = cat;
    out.byUnit[t.unit] = unit;
    if (inMonth(t.createdAt)) {
      out.received += 1;
      cat.received += 1;
      unit.received += 1;
    }
    if (t.firstResponseAt && inMonth(t.firstResponseAt)) firsts.push(hours(t.createdAt, t.firstResponseAt));
    if (t.resolvedAt && inMonth(t.resolvedAt)) {
      out.resolved += 1;
      cat.resolved += 1;
      unit.resolved += 1;
      resolutions.push(hours(t.createdAt, t.resolvedAt));
    }
    for (const e of t.trail) {
      if (!inMonth(e.at)) continue;
      // Every rating is in the trail (`4` or `4：comment`), a low one that reopened the ticket too.
      if (e.action === 'rated') {
        const score = ratingOf(e.note);
        if (score !== undefined) scores.push(score);
        continue;
      }
      if (e.action !== 'escalated') continue;
      if (e.note === 'first:breach') out.breaches.firstResponse += 1;
      else if (e.note === 'resolve:breach') out.breaches.resolution += 1;
      else continue;
      unit.breaches += 1;
    }
  }
  // Categories and units with nothing in the month are left out.
  for (const [k, v] of Object.entries(out.byCategory))
    if (!v.received && !v.resolved) delete out.byCategory[k];
  for (const [k, v] of Object.entries(out.byUnit))
    if (!v.received && !v.resolved && !v.breaches) delete out.byUnit[k];
  out.firstResponses = firsts.length;
  if (firsts.length) out.firstResponseHours = round1(median(firsts));
  if (resolutions.length) out.resolutionHours = round1(median(resolutions));
  out.rated = scores.length;
  out.lowRatings = scores.filter((s) => s <= 2).length;
  if (scores.length) out.averageRating = round1(scores.reduce((a, b) => a + b, 0) / scores.length);
  return out;
}

/** `12.5 小时`, or a dash when there was nothing to measure. */
export function hoursText(h: number | null, t: Translate): string {
  return h === null ? t('grievanceStats.none') : t('grievanceStats.hours', { h });
}

/** Categories in the org file's order (removed ones last), each with its counts. */
function categoryRows(m: GrievanceMonth, org: Org) {
  const order = org.grievances.categories.map((c) => c.id);
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  return Object.entries(m.byCategory)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([id, c]) => ({ id, name: categoryName(org, id), ...c }));
}

/** The section's facts: flat numbers, for tests and the record of the sent report. */
export function grievanceFacts(m: GrievanceMonth): ReportPart['facts'] {
  const facts: ReportPart['facts'] = {
    received: m.received,
    resolved: m.resolved,
    firstResponses: m.firstResponses,
    rated: m.rated,
    lowRatings: m.lowRatings,
    'breaches.firstResponse': m.breaches.firstResponse,
    'breaches.resolution': m.breaches.resolution,
  };
  if (m.firstResponseHours !== null) facts.medianFirstResponseHours = m.firstResponseHours;
  if (m.resolutionHours !== null) facts.medianResolutionHours = m.resolutionHours;
  if (m.averageRating !== null) facts.averageRating = m.averageRating;
  for (const [id, c] of Object.entries(m.byCategory)) {
    facts[`received.${id}`] = c.received;
    facts[`resolved.${id}`] = c.resolved;
  }
  for (const [id, u] of Object.entries(m.byUnit)) {
    facts[`unit.${id}.received`] = u.received;
    facts[`unit.${id}.resolved`] = u.resolved;
    facts[`unit.${id}.breaches`] = u.breaches;
  }
  return facts;
}

/** The month's grievances as card text and a chart: numbers only, never a ticket's text or a person. */
export function grievancePart(m: GrievanceMonth, org: Org, t: Translate, locale: Locale): ReportPart {
  const list = (items: string[]) => (items.length ? joinList(locale, items) : t('grievanceStats.none'));
  const categories = categoryRows(m, org);
  const satisfaction =
    m.averageRating === null
      ? t('grievanceStats.noRatings')
      : t('grievanceStats.report.satisfaction', {
          avg: m.averageRating,
          n: m.rated,
          low: m.lowRatings,
          share: Math.round((m.lowRatings / m.rated) * 100),
        });
  const lines = [
    t('grievanceStats.report.counts', { received: m.received, resolved: m.resolved }),
    t('grievanceStats.report.times', {
      firstResponse: hoursText(m.firstResponseHours, t),
      resolution: hoursText(m.resolutionHours, t),
    }),
    satisfaction,
    t('grievanceStats.report.breaches', {
      first: m.breaches.firstResponse,
      resolve: m.breaches.resolution,
    }),
    t('grievanceStats.report.byCategory', {
      parts: list(categories.map((c) => t('grievanceStats.report.categoryPart', c))),
    }),
    t('grievanceStats.report.byUnit', {
      parts: list(
        Object.entries(m.byUnit).map(([id, u]) =>
          t('grievanceStats.report.unitPart', { name: unitName(org, id, t), ...u }),
        ),
      ),
    }),
  ];
  const elements: CardElement[] = [markdown(lines.map(escapeMarkdown).join('\n'))];
  if (categories.length > 0) elements.push(categoryChart(categories, t));
  return { title: t('grievanceStats.report.title'), elements, facts: grievanceFacts(m) };
}

/** Received next to resolved, per category. */
function categoryChart(rows: readonly { name: string; received: number; resolved: number }[], t: Translate) {
  const received = t('grievanceStats.chart.received');
  const resolved = t('grievanceStats.chart.resolved');
  return groupedBarChart(
    'category',
    rows.flatMap((r) => [
      { group: r.name, kind: received, count: r.received },
      { group: r.name, kind: resolved, count: r.resolved },
    ]),
  );
}

/**
 * Grievances in the month (issue 10, item 9): received, resolved, median first response
 * and resolution, satisfaction, missed service levels, by category and by handling unit.
 */
export const grievancesSection: ReportSection = {
  id: 'grievances',
  async build(ctx, month) {
    const span = monthSpan(month, ctx.org.timezone);
    // Every ticket filed before the month ended: a resolution may come months after filing.
    const m = grievanceMonth(await ctx.repos.tickets.createdBetween(0, span.end), span);
    return grievancePart(m, ctx.org, ctx.t, ctx.locale);
  },
};
