import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { ConfigError, issuesToLines } from './config-error.ts';

/** How the org file names a person: an open_id, a user_id or an email, optionally with a display name. */
export interface PersonRef {
  kind: 'open_id' | 'user_id' | 'email';
  value: string;
  name?: string;
  /** The text as written in the file, used as the person's key. */
  raw: string;
}

const OPEN_ID = /^ou_[0-9A-Za-z_-]{4,}$/;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const USER_ID = /^[0-9A-Za-z_-]{1,64}$/;

/** Parses `张三 <zhangsan@univ.edu.cn>`, `ou_xxx`, `e33ggbyz`… Returns undefined when it is none of them. */
export function parsePersonRef(text: string): PersonRef | undefined {
  const trimmed = text.trim();
  const named = /^(.*?)\s*<([^<>]+)>$/.exec(trimmed);
  const name = named ? named[1]?.trim() || undefined : undefined;
  const value = (named ? named[2] : trimmed)?.trim() ?? '';
  const kind = OPEN_ID.test(value)
    ? 'open_id'
    : EMAIL.test(value)
      ? 'email'
      : USER_ID.test(value)
        ? 'user_id'
        : undefined;
  if (!kind) return undefined;
  return { kind, value: kind === 'email' ? value.toLowerCase() : value, name, raw: trimmed };
}

const Person = z.string().transform((text, ctx) => {
  const ref = parsePersonRef(text);
  if (!ref) {
    ctx.addIssue({ code: 'custom', message: 'not an open_id, user_id or email' });
    return z.NEVER;
  }
  return ref;
});
/** A list of people; an empty YAML key (null) is an empty list. */
const People = z
  .array(Person)
  .nullish()
  .transform((people) => people ?? []);
const Id = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'ids are lower-case letters, digits and dashes');
const ChatId = z.string().regex(/^oc_[0-9A-Za-z_-]+$/, 'not a chat_id (oc_…)');

const Department = z.strictObject({
  id: Id,
  name: z.string().min(1),
  /** Seats; defaults to limits.department. */
  cap: z.number().int().min(1).optional(),
  heads: People,
  members: People,
});

const College = z.strictObject({
  id: Id,
  name: z.string().min(1),
  leagueBranch: People,
  partyCommittee: People,
  leaders: People,
});

/** A unit of the union beyond the school and its colleges (SPEC §2 four levels: campus, class). */
const ExtraUnit = z.strictObject({
  id: Id,
  name: z.string().min(1),
  level: z.enum(['campus', 'class']),
  /** Which college a class belongs to (optional). */
  college: Id.optional(),
  leaders: People,
  /** Who is told when the unit falls behind (its League branch or teacher). */
  advisors: People,
});

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-10-01');
/** `2026-10-01` or a range `2026-10-01..2026-10-07`. */
const DateOrRange = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(\.\.\d{4}-\d{2}-\d{2})?$/,
    'a date like 2026-10-01 or a range 2026-10-01..2026-10-07',
  );
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like 22:00');

const Calendar = z.strictObject({
  /** 法定节假日: no reminders; a reminder due then moves to the next workday, same time. */
  holidays: z.array(DateOrRange).default([]),
  /** 调休: weekend days that are workdays. */
  workdays: z.array(LocalDate).default([]),
  /** Saturdays and Sundays are not workdays (unless listed in `workdays`). */
  weekendsOff: z.boolean().default(true),
  /** No reminders between these times; one due then moves to the end. */
  quietHours: z.strictObject({ from: ClockTime, to: ClockTime }).optional(),
});

const ScheduleOverride = z.strictObject({
  /** A cron expression (5 fields, or 6 with seconds), in the org's time zone. */
  cron: z.string().optional(),
  enabled: z.boolean().optional(),
  /** Run a period missed while the service was down, when it starts again. */
  catchUp: z.boolean().optional(),
});

/** Who decides at a stage: a college's body (the applicant's college) or a school-level one. */
export const APPROVER_ROLES = ['leagueBranch', 'partyCommittee', 'leagueCommittee', 'presidium'] as const;
export type ApproverRole = (typeof APPROVER_ROLES)[number];

const Stage = z.strictObject({
  id: Id,
  approvers: z.enum(APPROVER_ROLES),
  /**
   * Who decides when nobody but the applicant holds `approvers` for their college (an
   * advisor applying) or nobody does: by default the League committee (the presidium for
   * the League committee's own stage).
   */
  fallback: z.enum(APPROVER_ROLES).optional(),
});

/** Political statuses the form offers (source document 二(三)1: 党员 or 团员 only). */
export const POLITICAL_STATUSES = ['中共党员', '中共预备党员', '共青团员', '群众'] as const;

const Recruitment = z.strictObject({
  /** Student numbers must match this (a regular expression). */
  studentNumber: z
    .string()
    .default('^\\d{8,12}$')
    .refine((re) => {
      try {
        new RegExp(re);
        return true;
      } catch {
        return false;
      }
    }, 'not a valid regular expression'),
  /** How the form describes a student number in a refusal (say what `studentNumber` expects). */
  studentNumberHint: z.string().min(1).max(40).default('8–12 位数字'),
  /** Who may apply. */
  eligible: z.array(z.enum(POLITICAL_STATUSES)).min(1).default(['中共党员', '中共预备党员', '共青团员']),
  /**
   * The vetting chain, in order (source document 二(三)2). The last stage is the panel:
   * it records the written-test and interview scores and takes the seat.
   */
  stages: z
    .array(Stage)
    .min(1)
    .default([
      { id: 'recommend', approvers: 'leagueBranch' },
      { id: 'agree', approvers: 'partyCommittee' },
      { id: 'panel', approvers: 'leagueCommittee' },
    ]),
  /** 公示: days during which anyone may object. */
  noticeDays: z.number().int().min(1).max(30).default(5),
  /** Recruitment windows per department id; a department without one is closed unless opened by /recruit. */
  windows: z.record(z.string(), z.strictObject({ from: LocalDate, until: LocalDate })).default({}),
  /** Approvers are reminded of cards waiting this long, and the League committee after `escalateAfterDays`. */
  nudgeAfterDays: z.number().int().min(1).default(2),
  escalateAfterDays: z.number().int().min(1).default(5),
});

/** A grievance category: where it goes and how fast it must be answered. */
const GrievanceCategory = z.strictObject({
  id: Id,
  name: z.string().min(1).max(12),
  /**
   * Who handles it: `school` (the school union's rights department, the default), `college`
   * (the student's college union, when it has leaders; else the school), or a department id.
   */
  unit: z.string().default('school'),
  firstResponseHours: z.number().positive().optional(),
  resolveHours: z.number().positive().optional(),
});

const DEFAULT_CATEGORIES = [
  { id: 'study', name: '学习' },
  { id: 'life', name: '生活' },
  { id: 'dorm', name: '宿舍' },
  { id: 'canteen', name: '食堂' },
  { id: 'safety', name: '安全', firstResponseHours: 2 },
  { id: 'other', name: '其他' },
].map((c) => ({ unit: 'school', ...c }));

/** 权益诉求 (source document 二(四)2): categories, routing, service levels, retention. */
const Grievances = z.strictObject({
  categories: z.array(GrievanceCategory).min(1).default(DEFAULT_CATEGORIES),
  /** The school union's handling department (权益部); its chat is `chats.rights`. */
  department: Id.default('rights'),
  /** Service levels, per category overridable: first response and resolution, in hours. */
  firstResponseHours: z.number().positive().default(24),
  resolveHours: z.number().positive().default(168),
  /** `calendar`: every hour counts; `working`: only working hours of workdays (the calendar). */
  hours: z.enum(['calendar', 'working']).default('calendar'),
  workingHours: z.strictObject({ from: ClockTime, to: ClockTime }).default({ from: '08:00', to: '18:00' }),
  /** A resolved ticket nobody rated closes after this many days. */
  closeUnratedAfterDays: z.number().int().min(1).default(7),
  /** Tickets are deleted this many days after they close (default 2 years). */
  retentionDays: z.number().int().min(30).default(730),
});

/** 活动报名: offers, check-in codes, the no-show rule, reminders. */
const Activities = z.strictObject({
  /** A freed seat is held for the first in line this long (shorter close to the start). */
  offerHours: z.number().positive().default(12),
  /** Check-in codes turn every this many minutes. */
  codeMinutes: z.number().int().min(1).max(60).default(1),
  /**
   * No-show rule: this many unexcused absences within `withinDays` → for `delayDays`, the
   * student may register only after `delayHours` of an activity's registration window.
   */
  noShow: z
    .strictObject({
      absences: z.number().int().min(1).default(2),
      withinDays: z.number().int().min(1).default(120),
      delayDays: z.number().int().min(1).default(30),
      delayHours: z.number().min(0).default(24),
    })
    .prefault({}),
  /** Reminders before the start, in hours. */
  remindHours: z.array(z.number().positive()).default([24, 1]),
});

export const OrgSchema = z
  .strictObject({
    university: z.string().min(1),
    timezone: z
      .string()
      .default('Asia/Shanghai')
      .refine((tz) => isTimeZone(tz), 'not an IANA time zone (e.g. Asia/Shanghai)'),
    locale: z.enum(['zh-CN', 'en-US']).default('zh-CN'),
    limits: z
      .strictObject({
        presidium: z.number().int().min(1).default(4),
        department: z.number().int().min(1).default(9),
        union: z.number().int().min(1).default(60),
      })
      .prefault({}),
    presidium: People,
    departments: z.array(Department).min(1),
    colleges: z.array(College).min(1, 'at least one college is required'),
    leagueCommittee: People,
    admins: People,
    chats: z
      .strictObject({
        leadership: ChatId.optional(),
        rights: ChatId.optional(),
        announcements: ChatId.optional(),
        leagueCommittee: ChatId.optional(),
      })
      // A `chats:` key whose entries are all commented out is null in YAML.
      .nullish()
      .transform((chats) => chats ?? {}),
    /** Campus- and class-level units, besides the school union and each college's. */
    units: z.array(ExtraUnit).default([]),
    calendar: Calendar.prefault({}),
    /** Per job: another cron, off, or no catch-up. Keys are job names (`npm run job -- --list`). */
    schedules: z.record(z.string(), ScheduleOverride).default({}),
    recruitment: Recruitment.prefault({}),
    grievances: Grievances.prefault({}),
    activities: Activities.prefault({}),
    /** OpenAPI calls a month the tenant may make (free plan: 10,000, shared by all its apps). */
    apiQuota: z.number().int().min(0).default(10_000),
  })
  .superRefine((org, ctx) => {
    unique(org.departments, 'departments', ctx);
    unique(org.colleges, 'colleges', ctx);
    for (const dept of Object.keys(org.recruitment.windows)) {
      if (!org.departments.some((d) => d.id === dept)) {
        ctx.addIssue({
          code: 'custom',
          path: ['recruitment', 'windows', dept],
          message: `no department '${dept}'`,
        });
      }
    }
    const categoryIds = org.grievances.categories.map((c) => c.id);
    if (new Set(categoryIds).size !== categoryIds.length)
      ctx.addIssue({
        code: 'custom',
        path: ['grievances', 'categories'],
        message: 'category ids must be unique',
      });
    org.grievances.categories.forEach((c, i) => {
      if (c.unit !== 'school' && c.unit !== 'college' && !org.departments.some((d) => d.id === c.unit))
        ctx.addIssue({
          code: 'custom',
          path: ['grievances', 'categories', i, 'unit'],
          message: `'${c.unit}' is not school, college or a department id`,
        });
    });
    const stageIds = org.recruitment.stages.map((st) => st.id);
    if (new Set(stageIds).size !== stageIds.length) {
      ctx.addIssue({ code: 'custom', path: ['recruitment', 'stages'], message: 'stage ids must be unique' });
    }
    const unitIds = new Set(['school', ...org.colleges.map((c) => c.id)]);
    org.units.forEach((u, i) => {
      if (unitIds.has(u.id))
        ctx.addIssue({ code: 'custom', path: ['units', i, 'id'], message: `duplicate unit id '${u.id}'` });
      unitIds.add(u.id);
      if (u.college && !org.colleges.some((c) => c.id === u.college)) {
        ctx.addIssue({ code: 'custom', path: ['units', i, 'college'], message: `no college '${u.college}'` });
      }
    });
    if (org.presidium.length > org.limits.presidium) {
      ctx.addIssue({
        code: 'custom',
        path: ['presidium'],
        message: `${org.presidium.length} people, more than limits.presidium (${org.limits.presidium})`,
      });
    }
  });

export type Org = z.infer<typeof OrgSchema>;
export type Department = Org['departments'][number];
export type College = Org['colleges'][number];

function unique(items: { id: string }[], path: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id))
      ctx.addIssue({ code: 'custom', path: [path, i, 'id'], message: `duplicate id '${item.id}'` });
    seen.add(item.id);
  });
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Parses org-file text; throws a {@link ConfigError} naming every bad YAML path. */
export function parseOrg(text: string, source = 'org file'): Org {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      source,
      doc.errors.map((e) => e.message.split('\n')[0] ?? e.message),
    );
  }
  const parsed = OrgSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) throw new ConfigError(source, issuesToLines(parsed.error.issues));
  return parsed.data;
}

/** Reads and parses the org file at `path`. */
export function loadOrg(path: string): Org {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(path, [`cannot read the org file: ${(err as Error).message}`]);
  }
  return parseOrg(text, path);
}
