import * as activities from './messages/activities.ts';
import * as activityAttendance from './messages/activity-attendance.ts';
import * as apply from './messages/apply.ts';
import * as core from './messages/core.ts';
import * as grievanceSla from './messages/grievance-sla.ts';
import * as grievanceStats from './messages/grievance-stats.ts';
import * as grievances from './messages/grievances.ts';
import * as meetings from './messages/meetings.ts';
import * as membership from './messages/membership.ts';
import * as recruitment from './messages/recruitment.ts';
import * as report from './messages/report.ts';
import * as review from './messages/review.ts';

/**
 * Every feature keeps its texts in `messages/<feature>.ts` (Chinese and English side
 * by side); this list merges them. Add a feature's file here.
 */
export const CATALOG_PARTS = {
  core,
  meetings,
  report,
  recruitment,
  apply,
  review,
  membership,
  grievances,
  grievanceSla,
  grievanceStats,
  activities,
  activityAttendance,
} as const;

const zhCN = {
  ...core.zh,
  ...meetings.zh,
  ...report.zh,
  ...recruitment.zh,
  ...apply.zh,
  ...review.zh,
  ...membership.zh,
  ...grievanceStats.zh,
  ...grievanceSla.zh,
  ...grievances.zh,
  ...activities.zh,
  ...activityAttendance.zh,
};
const enUS: Record<keyof typeof zhCN, string> = {
  ...core.en,
  ...meetings.en,
  ...report.en,
  ...recruitment.en,
  ...apply.en,
  ...review.en,
  ...membership.en,
  ...grievanceStats.en,
  ...grievanceSla.en,
  ...grievances.en,
  ...activities.en,
  ...activityAttendance.en,
};

export type MessageKey = keyof typeof zhCN;
export type Locale = 'zh-CN' | 'en-US';
export type Params = Record<string, string | number>;
/** Looks up a text and fills `{name}` placeholders. */
export type Translate = (key: MessageKey, params?: Params) => string;

const catalogs: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };

/** The one way user-facing text is produced. Unknown placeholders stay visible, so a typo shows in tests. */
export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  return (key, params) => fill(catalog[key], params);
}

function fill(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** The list separator of a locale (`、` or `, `). */
export function joinList(locale: Locale, items: readonly string[]): string {
  return items.join(locale === 'zh-CN' ? '、' : ', ');
}
