import { z } from 'zod';
import { type Org, POLITICAL_STATUSES } from '../config/org.ts';

/**
 * The application form's rules (SPEC §4 `/apply`). Pure: the form's values and the org
 * file in, a checked draft or every bad field out, so the applicant hears about all their
 * mistakes at once.
 */

export const NAME_MAX = 30;
export const CLASS_MAX = 30;
export const REASON_MAX = 500;
/** Mainland mobile numbers. */
export const PHONE = /^1[3-9]\d{9}$/;

/** The form's fields, by the `name` of their component in the card. */
export const APPLICATION_FIELDS = [
  'name',
  'studentNo',
  'college',
  'className',
  'political',
  'first',
  'second',
  'adjust',
  'reason',
  'phone',
] as const;
export type ApplicationField = (typeof APPLICATION_FIELDS)[number];

export const APPLICATION_PROBLEMS = [
  'missing',
  'tooLong',
  'badStudentNo',
  'badPhone',
  'unknownCollege',
  'unknownDepartment',
  'badPolitical',
  'sameAsFirst',
  'badChoice',
] as const;
export type ApplicationProblem = (typeof APPLICATION_PROBLEMS)[number];

export interface ApplicationFieldProblem {
  field: ApplicationField;
  problem: ApplicationProblem;
}

export interface ApplicationDraft {
  name: string;
  studentNo: string;
  college: string;
  className: string;
  political: (typeof POLITICAL_STATUSES)[number];
  first: string;
  second?: string;
  adjust: boolean;
  reason: string;
  phone: string;
}

/** Characters as people count them (an emoji is one). */
const length = (s: string) => [...s].length;

/** Form values are strings (a select's value, an input's text); numbers and booleans are taken as typed. */
const Text = z.preprocess(
  (v) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v),
  z.string().optional(),
);

function fail(ctx: z.RefinementCtx, problem: ApplicationProblem): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message: problem });
  return z.NEVER;
}

/** Trimmed text with spaces collapsed, required, at most `max` characters. */
const line = (max: number) =>
  Text.transform((v, ctx) => {
    const text = (v ?? '').replace(/\s+/g, ' ').trim();
    if (!text) return fail(ctx, 'missing');
    return length(text) > max ? fail(ctx, 'tooLong') : text;
  });

/** The checks of every field, as one zod schema; each bad field is an issue at its path. */
export function applicationFormSchema(org: Org) {
  // The whole number must match, even when the org file's pattern has no anchors.
  const studentNumber = new RegExp(`^(?:${org.recruitment.studentNumber})$`);
  const departments = new Set(org.departments.map((d) => d.id));
  const colleges = new Set(org.colleges.map((c) => c.id));
  /** A department's id from a select; undefined when left empty. */
  const department = (v: string | undefined, ctx: z.RefinementCtx): string | undefined => {
    const id = (v ?? '').trim();
    if (!id) return undefined;
    return departments.has(id) ? id : fail(ctx, 'unknownDepartment');
  };
  return z.object({
    name: line(NAME_MAX),
    studentNo: Text.transform((v, ctx) => {
      const no = (v ?? '').trim();
      if (!no) return fail(ctx, 'missing');
      return studentNumber.test(no) ? no : fail(ctx, 'badStudentNo');
    }),
    college: Text.transform((v, ctx) => {
      const id = (v ?? '').trim();
      if (!id) return fail(ctx, 'missing');
      return colleges.has(id) ? id : fail(ctx, 'unknownCollege');
    }),
    className: line(CLASS_MAX),
    political: Text.transform((v, ctx) => {
      const status = (v ?? '').trim();
      if (!status) return fail(ctx, 'missing');
      const known = POLITICAL_STATUSES.find((s) => s === status);
      return known ?? fail(ctx, 'badPolitical');
    }),
    first: Text.transform((v, ctx): string => department(v, ctx) ?? fail(ctx, 'missing')),
    second: Text.transform((v, ctx) => department(v, ctx)),
    /** A select 是/否 (`yes`/`no`) or a checker (`true`/`false`); absent is no. */
    adjust: Text.transform((v, ctx) => {
      const word = (v ?? '').trim().toLowerCase();
      if (['', 'no', 'false', '否'].includes(word)) return false;
      if (['yes', 'true', '是'].includes(word)) return true;
      return fail(ctx, 'badChoice');
    }),
    reason: Text.transform((v, ctx) => {
      const text = (v ?? '').trim();
      if (!text) return fail(ctx, 'missing');
      return length(text) > REASON_MAX ? fail(ctx, 'tooLong') : text;
    }),
    phone: Text.transform((v, ctx) => {
      const phone = (v ?? '').replace(/[\s-]/g, '').replace(/^\+86/, '');
      if (!phone) return fail(ctx, 'missing');
      return PHONE.test(phone) ? phone : fail(ctx, 'badPhone');
    }),
  });
}

/** Checks every field at once. */
export function validateApplicationForm(
  input: Readonly<Record<string, unknown>>,
  org: Org,
): { ok: true; draft: ApplicationDraft } | { ok: false; problems: ApplicationFieldProblem[] } {
  const values = Object.fromEntries(APPLICATION_FIELDS.map((f) => [f, input[f]]));
  const parsed = applicationFormSchema(org).safeParse(values);
  // Checked on the raw values too, so it is reported alongside the other fields' problems.
  const first = typeof values.first === 'string' ? values.first.trim() : '';
  const second = typeof values.second === 'string' ? values.second.trim() : '';
  const same = first !== '' && first === second;
  if (parsed.success && !same) {
    const { second: choice, ...rest } = parsed.data;
    return { ok: true, draft: { ...rest, ...(choice ? { second: choice } : {}) } };
  }
  const seen = new Set<ApplicationField>();
  const problems: ApplicationFieldProblem[] = [];
  if (same) {
    seen.add('second');
    problems.push({ field: 'second', problem: 'sameAsFirst' });
  }
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const field = issue.path[0] as ApplicationField;
    if (seen.has(field)) continue;
    seen.add(field);
    problems.push({ field, problem: isProblem(issue.message) ? issue.message : 'missing' });
  }
  // In form order, whatever order zod reported them in.
  problems.sort((a, b) => APPLICATION_FIELDS.indexOf(a.field) - APPLICATION_FIELDS.indexOf(b.field));
  return { ok: false, problems };
}

function isProblem(message: string): message is ApplicationProblem {
  return (APPLICATION_PROBLEMS as readonly string[]).includes(message);
}

/** Whether the political status may apply (source document 二(三)1: 党员 or 团员). */
export function isEligible(org: Org, political: ApplicationDraft['political']): boolean {
  return org.recruitment.eligible.includes(political);
}
