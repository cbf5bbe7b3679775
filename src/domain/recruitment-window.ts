import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Org } from '../config/org.ts';

/**
 * Recruitment windows (SPEC §4 `/recruit`). A department recruits between the local dates
 * of its window in the org file (inclusive, in `org.timezone`), unless the presidium opened
 * or closed it with `/recruit`: that override wins. An override opened until a date that
 * has passed counts as closed. Pure: everything is decided from `today`.
 */

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Stored at `recruit:<department>`. */
export const WindowOverrideSchema = z.object({
  v: z.literal(1),
  open: z.boolean(),
  /** Last day of recruitment (inclusive), local date; only for an open override. */
  until: LocalDate.optional(),
  /** Who set it (open_id) and when (ISO). */
  by: z.string(),
  at: z.string(),
});
export type WindowOverride = z.infer<typeof WindowOverrideSchema>;

export interface OrgWindow {
  from: string;
  until: string;
}

export interface WindowState {
  recruiting: boolean;
  /** Recruiting: the last day (inclusive), when there is one. */
  until?: string;
  /** Not recruiting yet: the first day of the org file's coming window. */
  opensOn?: string;
  /** What decided: the presidium's override, the org file's window, or nothing (closed). */
  source: 'override' | 'org' | 'none';
}

/** Reads a stored override; anything unreadable is ignored (the org file decides). */
export function parseWindowOverride(raw: string | null | undefined): WindowOverride | undefined {
  if (!raw) return undefined;
  try {
    const parsed = WindowOverrideSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Is a department recruiting on `today` (`YYYY-MM-DD` in the org's time zone)? */
export function windowState(
  orgWindow: OrgWindow | undefined,
  override: WindowOverride | undefined,
  today: string,
): WindowState {
  if (override) {
    if (!override.open) return { recruiting: false, source: 'override' };
    if (override.until && override.until < today) return { recruiting: false, source: 'override' };
    return { recruiting: true, source: 'override', ...(override.until ? { until: override.until } : {}) };
  }
  if (!orgWindow) return { recruiting: false, source: 'none' };
  if (today < orgWindow.from) return { recruiting: false, source: 'org', opensOn: orgWindow.from };
  if (today > orgWindow.until) return { recruiting: false, source: 'org' };
  return { recruiting: true, source: 'org', until: orgWindow.until };
}

/** Every department's state, in org order. */
export function departmentWindows(
  org: Org,
  overrides: ReadonlyMap<string, WindowOverride>,
  today: string,
): { id: string; name: string; state: WindowState }[] {
  return org.departments.map((d) => ({
    id: d.id,
    name: d.name,
    state: windowState(org.recruitment.windows[d.id], overrides.get(d.id), today),
  }));
}

const FULL_DATE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$/;
const SHORT_DATE = /^(\d{1,2})[-/.月](\d{1,2})[日号]?$/;

/**
 * The last day of a window as typed: `2026-12-10`, `2026/12/10`, `2026年12月10日`, or
 * without a year (`12-10`, `12月10日`) the next such day from today on. Undefined when it
 * is no date.
 */
export function parseUntilDate(text: string, today: string): string | undefined {
  const word = text.trim();
  const full = FULL_DATE.exec(word);
  if (full) return isoDate(Number(full[1]), Number(full[2]), Number(full[3]));
  const short = SHORT_DATE.exec(word);
  if (!short) return undefined;
  const year = Number(today.slice(0, 4));
  const thisYear = isoDate(year, Number(short[1]), Number(short[2]));
  if (thisYear && thisYear < today) return isoDate(year + 1, Number(short[1]), Number(short[2]));
  return thisYear;
}

function isoDate(year: number, month: number, day: number): string | undefined {
  const d = DateTime.fromObject({ year, month, day }, { zone: 'utc' });
  return d.isValid ? (d.toISODate() ?? undefined) : undefined;
}
