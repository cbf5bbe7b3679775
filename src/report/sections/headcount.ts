import type { CardElement } from '../../cards/card.ts';
import { groupedBarChart, markdown } from '../../cards/card.ts';
import { escapeMarkdown } from '../../cards/escape.ts';
import type { Org } from '../../config/org.ts';
import { type Roster, unionMembers } from '../../domain/roster.ts';
import type { Translate } from '../../i18n/index.ts';
import type { ReportPart, ReportSection } from '../section.ts';

/** One unit's seats: the whole union, the presidium or a department. */
export interface UnitCount {
  /** `union`, `presidium` or the department id. */
  id: string;
  name: string;
  count: number;
  cap: number;
}

export interface Headcount {
  union: UnitCount;
  presidium: UnitCount;
  departments: UnitCount[];
}

/** Counts seats against the caps (source document 二(二)3: 60 in all, presidium 4, departments of ≤ 9). */
export function headcountOf(roster: Roster, limits: Org['limits'], t: Translate): Headcount {
  return {
    union: {
      id: 'union',
      name: t('report.headcount.union'),
      count: unionMembers(roster).length,
      cap: limits.union,
    },
    presidium: {
      id: 'presidium',
      name: t('report.headcount.presidium'),
      count: roster.presidium.length,
      cap: limits.presidium,
    },
    departments: roster.departments.map((d) => ({
      id: d.id,
      name: d.name,
      count: d.members.length,
      cap: d.cap,
    })),
  };
}

/** The union's headcount against its caps, with any unit over its cap in red. */
export const headcountSection: ReportSection = {
  id: 'headcount',
  async build(ctx) {
    return headcountPart(headcountOf(await ctx.repos.membership.roster(), ctx.org.limits, ctx.t), ctx.t);
  },
};

export function headcountPart(h: Headcount, t: Translate): ReportPart {
  const facts: ReportPart['facts'] = {
    union: h.union.count,
    unionCap: h.union.cap,
    presidium: h.presidium.count,
    presidiumCap: h.presidium.cap,
  };
  for (const d of h.departments) {
    facts[`dept.${d.id}`] = d.count;
    facts[`dept.${d.id}.cap`] = d.cap;
  }
  const units = [h.union, h.presidium, ...h.departments];
  facts.overCap = units.filter((u) => u.count > u.cap).length;
  const line = (u: UnitCount) => {
    const numbers = escapeMarkdown(t('report.headcount.count', { count: u.count, cap: u.cap }));
    const shown =
      u.count > u.cap
        ? `<font color='red'>${numbers} ${escapeMarkdown(t('report.headcount.over', { n: u.count - u.cap }))}</font>`
        : numbers;
    return `${escapeMarkdown(u.name)} ${shown}`;
  };
  const elements: CardElement[] = [
    markdown([`**${line(h.union)}**`, line(h.presidium), ...h.departments.map(line)].join('\n')),
  ];
  if (h.departments.length > 0) elements.push(seatsChart(h.departments, t));
  return { title: t('report.headcount.title'), elements, facts };
}

/** Members next to seats, per department. */
function seatsChart(departments: readonly UnitCount[], t: Translate): CardElement {
  const members = t('report.headcount.members');
  const seats = t('report.headcount.seats');
  return groupedBarChart(
    'department',
    departments.flatMap((d) => [
      { group: d.name, kind: members, count: d.count },
      { group: d.name, kind: seats, count: d.cap },
    ]),
  );
}
