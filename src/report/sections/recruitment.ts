import { DateTime } from 'luxon';
import { markdown } from '../../cards/card.ts';
import { escapeMarkdown } from '../../cards/escape.ts';
import type { Org } from '../../config/org.ts';
import type { Application } from '../../domain/recruitment.ts';
import { type Roster, unionMembers } from '../../domain/roster.ts';
import { joinList, type Translate } from '../../i18n/index.ts';
import type { ReportPart, ReportSection } from '../section.ts';

const DAY_MS = 24 * 3600_000;

/** The month's recruitment in numbers (all counts; days rounded to one decimal). */
export interface RecruitmentMonth {
  received: number;
  /** Applications received in the month, by first-choice department id. */
  byDepartment: Record<string, number>;
  /** Where the month's applications are now: a review stage id, or a state. */
  byStage: Record<string, number>;
  /** Per stage id (and `notice`): decisions made in the month and the median days they waited. */
  medians: Record<string, { n: number; days: number }>;
  appointed: number;
  rejected: number;
  withdrawn: number;
  resigned: number;
  removed: number;
}

/** The median of numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** `[start, end)` of a month in the org's time zone, in ms. */
export function monthSpan(month: string, timeZone: string): { start: number; end: number } {
  const start = DateTime.fromFormat(month, 'yyyy-MM', { zone: timeZone });
  return { start: start.toMillis(), end: start.plus({ months: 1 }).toMillis() };
}

/**
 * Counts a month from the applications (every one created before the month ended) and
 * the exit actions of the month. Pure: the report and the tests use it.
 */
export function recruitmentMonth(
  apps: readonly Application[],
  exits: readonly { action: string }[],
  span: { start: number; end: number },
): RecruitmentMonth {
  const inMonth = (iso: string) => {
    const t = Date.parse(iso);
    return t >= span.start && t < span.end;
  };
  const out: RecruitmentMonth = {
    received: 0,
    byDepartment: {},
    byStage: {},
    medians: {},
    appointed: 0,
    rejected: 0,
    withdrawn: 0,
    resigned: exits.filter((e) => e.action === 'resigned').length,
    removed: exits.filter((e) => e.action === 'removed').length,
  };
  const waits: Record<string, number[]> = {};
  const waited = (stage: string, from: string, to: string) => {
    if (!inMonth(to)) return;
    const list = waits[stage] ?? [];
    list.push((Date.parse(to) - Date.parse(from)) / DAY_MS);
    waits[stage] = list;
  };
  for (const app of apps) {
    if (inMonth(app.createdAt)) {
      out.received += 1;
      out.byDepartment[app.first] = (out.byDepartment[app.first] ?? 0) + 1;
      const where = app.state === 'review' ? `stage:${app.stage}` : app.state;
      out.byStage[where] = (out.byStage[where] ?? 0) + 1;
    }
    // Each stage waits from the step before it (the submission, or the previous approval).
    let since = app.createdAt;
    let noticeSince: string | undefined;
    for (const e of app.trail) {
      if ((e.action === 'approved' || e.action === 'rejected') && e.stage) {
        waited(e.stage, since, e.at);
        since = e.at;
      } else if (e.action === 'notice') {
        noticeSince = e.at;
      } else if (e.action === 'appointed') {
        if (noticeSince) waited('notice', noticeSince, e.at);
        if (inMonth(e.at)) out.appointed += 1;
      }
    }
    const last = [...app.trail].reverse();
    if (app.state === 'rejected') {
      const ended = last.find((e) => e.action === 'rejected' || e.action === 'objection-upheld');
      if (ended && inMonth(ended.at)) out.rejected += 1;
    }
    if (app.state === 'withdrawn') {
      const ended = last.find((e) => e.action === 'withdrawn');
      if (ended && inMonth(ended.at)) out.withdrawn += 1;
    }
  }
  for (const [stage, list] of Object.entries(waits)) {
    out.medians[stage] = { n: list.length, days: Math.round(median(list) * 10) / 10 };
  }
  return out;
}

/** The section's facts: flat numbers, for tests and the record of the sent report. */
export function recruitmentFacts(m: RecruitmentMonth, roster: Roster, org: Org): ReportPart['facts'] {
  const facts: ReportPart['facts'] = {
    received: m.received,
    appointed: m.appointed,
    rejected: m.rejected,
    withdrawn: m.withdrawn,
    resigned: m.resigned,
    removed: m.removed,
  };
  for (const [dept, n] of Object.entries(m.byDepartment)) facts[`received.${dept}`] = n;
  for (const [where, n] of Object.entries(m.byStage)) {
    const stage = where.startsWith('stage:') ? org.recruitment.stages[Number(where.slice(6))]?.id : where;
    facts[`now.${stage ?? where}`] = n;
  }
  for (const [stage, { n, days }] of Object.entries(m.medians)) {
    facts[`decided.${stage}`] = n;
    facts[`medianDays.${stage}`] = days;
  }
  for (const d of roster.departments) {
    facts[`seats.${d.id}`] = d.members.length;
    facts[`seats.${d.id}.cap`] = d.cap;
  }
  facts['seats.presidium'] = roster.presidium.length;
  facts['seats.presidium.cap'] = org.limits.presidium;
  facts['seats.union'] = unionMembers(roster).length;
  facts['seats.union.cap'] = org.limits.union;
  return facts;
}

/** The month's recruitment as card text. */
export function recruitmentPart(
  m: RecruitmentMonth,
  roster: Roster,
  org: Org,
  t: Translate,
  locale: 'zh-CN' | 'en-US',
): ReportPart {
  const list = (items: string[]) => (items.length ? joinList(locale, items) : t('report.recruitment.none'));
  const deptName = (id: string) => org.departments.find((d) => d.id === id)?.name ?? id;
  const stageName = (id: string) => {
    if (id === 'notice') return t('report.recruitment.notice');
    const stage = org.recruitment.stages.find((s) => s.id === id);
    return stage ? t(`stage.${stage.approvers}`) : id;
  };
  const whereName = (where: string) => {
    if (where.startsWith('stage:')) {
      const stage = org.recruitment.stages[Number(where.slice(6))];
      return stage ? t(`stage.${stage.approvers}`) : t('appState.review');
    }
    return t(`appState.${where as Application['state']}`);
  };
  const order = [...org.recruitment.stages.map((s) => s.id), 'notice'];
  const medians = Object.entries(m.medians)
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([stage, { n, days }]) => t('report.recruitment.medianPart', { stage: stageName(stage), days, n }));
  const seats = [
    ...roster.departments.map((d) =>
      t('roster.count', { name: d.name, count: d.members.length, cap: d.cap }),
    ),
    t('roster.union', { count: unionMembers(roster).length, cap: org.limits.union }),
    t('roster.presidium', { count: roster.presidium.length, cap: org.limits.presidium }),
  ];
  const lines = [
    t('report.recruitment.received', { count: m.received }),
    t('report.recruitment.byDepartment', {
      parts: list(
        Object.entries(m.byDepartment).map(([d, n]) =>
          t('report.recruitment.part', { name: deptName(d), n }),
        ),
      ),
    }),
    t('report.recruitment.byStage', {
      parts: list(
        Object.entries(m.byStage).map(([w, n]) => t('report.recruitment.part', { name: whereName(w), n })),
      ),
    }),
    medians.length
      ? t('report.recruitment.median', { parts: joinList(locale, medians) })
      : t('report.recruitment.noDecisions'),
    t('report.recruitment.outcomes', {
      appointed: m.appointed,
      rejected: m.rejected,
      withdrawn: m.withdrawn,
    }),
    t('report.recruitment.exits', { resigned: m.resigned, removed: m.removed }),
    t('report.recruitment.seats', { parts: seats.join(' · ') }),
  ];
  return {
    title: t('report.recruitment.title'),
    elements: [markdown(lines.map(escapeMarkdown).join('\n'))],
    facts: recruitmentFacts(m, roster, org),
  };
}

/**
 * Recruitment in the month (source document 二(三)): applications received, where they
 * are, per department, how long each stage took, appointments, exits, seats against caps.
 */
export const recruitmentSection: ReportSection = {
  id: 'recruitment',
  async build(ctx, month) {
    const span = monthSpan(month, ctx.org.timezone);
    const [apps, exits, roster] = await Promise.all([
      ctx.repos.recruitment.createdBefore(span.end),
      ctx.repos.membership.exits(span.start, span.end),
      ctx.repos.membership.roster(),
    ]);
    return recruitmentPart(recruitmentMonth(apps, exits, span), roster, ctx.org, ctx.t, ctx.locale);
  },
};
