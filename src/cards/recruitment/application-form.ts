import type { Org } from '../../config/org.ts';
import { POLITICAL_STATUSES } from '../../config/org.ts';
import { CLASS_MAX, NAME_MAX, REASON_MAX } from '../../domain/application-form.ts';
import { departmentName } from '../../domain/org-names.ts';
import type { Application } from '../../domain/recruitment.ts';
import type { Translate } from '../../i18n/index.ts';
import {
  type Card,
  type CardElement,
  card,
  divider,
  form,
  input,
  markdown,
  plainText,
  select,
  submitButton,
} from '../card.ts';
import { escapeMarkdown } from '../escape.ts';
import { fallbackStages, stageLabel, stageName, trailLines } from './trail.ts';

/** The value of the form's submit button. */
export function applicationSubmitValue() {
  return { a: 'application.submit', v: 1 } as const;
}

const option = (label: string, value: string) => ({ label, value });

export interface ApplicationFormModel {
  colleges: readonly { id: string; name: string }[];
  /** Departments recruiting now, with their last day when there is one. */
  departments: readonly { id: string; name: string; until?: string }[];
  /** The first choice to preselect (a recruiting department). */
  preselect?: string;
  /** Said above the form (e.g. the department asked for is not recruiting). */
  note?: string;
  /** The applicant's display name, when known, as the name's default. */
  name?: string;
  /** The vetting chain, stage names in order. */
  chain: readonly string[];
  noticeDays: number;
}

/**
 * `/apply`: the application form (schema 2.0). Its fields come back in the callback's
 * `form_value` under their names, which are the fields of `validateApplicationForm`.
 */
export function applicationFormCard(m: ApplicationFormModel, t: Translate): Card {
  const departments = m.departments.map((d) =>
    option(d.until ? t('apply.form.departmentUntil', { name: d.name, until: d.until }) : d.name, d.id),
  );
  const field = (name: 'name' | 'studentNo' | 'className' | 'reason' | 'phone', maxLength: number) => ({
    required: true,
    maxLength,
    placeholder: t(`apply.placeholder.${name}`),
  });
  const fields: CardElement[] = [
    input('name', t('apply.field.name'), {
      ...field('name', NAME_MAX),
      ...(m.name ? { defaultValue: m.name } : {}),
    }),
    input('studentNo', t('apply.field.studentNo'), field('studentNo', 32)),
    select(
      'college',
      t('apply.placeholder.college'),
      m.colleges.map((c) => option(c.name, c.id)),
      { required: true },
    ),
    input('className', t('apply.field.className'), field('className', CLASS_MAX)),
    select(
      'political',
      t('apply.placeholder.political'),
      POLITICAL_STATUSES.map((s) => option(s, s)),
      { required: true },
    ),
    // Not `select`: its initial option comes after the options here, and the JSON stays as it was.
    {
      tag: 'select_static',
      name: 'first',
      required: true,
      placeholder: plainText(t('apply.placeholder.first')),
      options: departments.map((o) => ({ text: plainText(o.label), value: o.value })),
      ...(m.preselect ? { initial_option: m.preselect } : {}),
    },
    select('second', t('apply.placeholder.second'), departments),
    select(
      'adjust',
      t('apply.placeholder.adjust'),
      [option(t('apply.adjust.yes'), 'yes'), option(t('apply.adjust.no'), 'no')],
      { initialOption: 'no' },
    ),
    input('reason', t('apply.field.reason'), { ...field('reason', REASON_MAX), multiline: { rows: 4 } }),
    input('phone', t('apply.field.phone'), field('phone', 20)),
    submitButton('submit', t('apply.form.submit'), applicationSubmitValue(), 'primary_filled'),
  ];
  const intro = t('apply.form.intro', { chain: m.chain.join(' → '), days: m.noticeDays });
  return card(t('apply.form.title'), [
    ...(m.note ? [markdown(escapeMarkdown(m.note))] : []),
    markdown(escapeMarkdown(intro)),
    form('application_form', fields),
  ]);
}

/** `学术部（第二志愿 办公室，服从调剂）`. */
export function choicesText(app: Application, org: Org, t: Translate): string {
  const first = departmentName(org, app.first);
  if (!app.second) return first;
  return t(app.adjust ? 'apply.card.choicesAdjust' : 'apply.card.choices', {
    first,
    second: departmentName(org, app.second),
  });
}

/**
 * One application as card elements: id, choices, where it is and its trail. With
 * `personal`, also the applicant's own details (only ever shown to the applicant here).
 */
export function applicationElements(
  app: Application,
  org: Org,
  t: Translate,
  /** `withId: false` when the card's subtitle already shows the id. */
  opts: { personal: boolean; withId?: boolean },
): CardElement[] {
  const a = app.applicant;
  const college = org.colleges.find((c) => c.id === a.college)?.name ?? a.college;
  const state =
    app.state === 'review'
      ? t('apply.card.inReview', { state: t('appState.review'), stage: stageLabel(app, org, t) })
      : stageLabel(app, org, t);
  const lines = [
    t('apply.card.choicesLine', { choices: choicesText(app, org, t) }),
    t('apply.card.state', { state }),
    ...(app.department && app.department !== app.first
      ? [t('apply.card.placed', { department: departmentName(org, app.department) })]
      : []),
    ...(opts.personal
      ? [
          t('apply.card.applicant', {
            name: a.name,
            studentNo: a.studentNo,
            college,
            className: a.className,
            political: a.political,
            phone: a.phone,
          }),
          t('apply.card.reason', { reason: app.reason }),
        ]
      : []),
  ];
  const trail = trailLines(app, org, t).map((l) => `· ${escapeMarkdown(l)}`);
  return [
    markdown(
      [
        ...(opts.withId === false ? [] : [`**${escapeMarkdown(app.id)}**`]),
        ...lines.map(escapeMarkdown),
      ].join('\n'),
    ),
    markdown(`**${escapeMarkdown(t('apply.card.trail'))}**\n${trail.join('\n')}`),
  ];
}

/** What replaces the form once submitted: the application, where it is, and what comes next. */
export function applicationSubmittedCard(app: Application, org: Org, t: Translate): Card {
  const fallbacks = fallbackStages(app, org, t);
  return card(
    t('apply.submitted.title'),
    [
      ...applicationElements(app, org, t, { personal: false, withId: false }),
      divider(),
      markdown(escapeMarkdown(t('apply.submitted.next', { stage: stageName(app, app.stage, org, t) }))),
      ...(fallbacks.length > 0
        ? [markdown(escapeMarkdown(t('apply.submitted.fallback', { stages: fallbacks.join('；') })))]
        : []),
    ],
    'green',
    app.id,
  );
}

/** `/status`: the person's applications, newest first, and their memberships. */
export function statusCard(
  /** `memberships`: the departments' names as one list (empty: none). */
  m: {
    applications: readonly Application[];
    memberships: string;
    /** Other features' blocks (my tickets, my registrations). */
    others?: readonly { title: string; lines: readonly string[] }[];
  },
  org: Org,
  t: Translate,
): Card {
  const elements: CardElement[] = [];
  if (m.applications.length === 0) elements.push(markdown(escapeMarkdown(t('status.none'))));
  m.applications.forEach((app, i) => {
    if (i > 0) elements.push(divider());
    elements.push(...applicationElements(withoutObjectors(app), org, t, { personal: true }));
  });
  elements.push(divider());
  elements.push(
    markdown(
      escapeMarkdown(
        m.memberships ? t('status.memberships', { departments: m.memberships }) : t('status.noMembership'),
      ),
    ),
  );
  for (const block of m.others ?? []) {
    elements.push(
      divider(),
      markdown([`**${escapeMarkdown(block.title)}**`, ...block.lines.map(escapeMarkdown)].join('\n')),
    );
  }
  return card(t('status.title'), elements, 'blue');
}

/**
 * The application as its applicant sees it: each objection and its outcome are in the
 * trail, but never who objected (a named objector is named to the League committee only).
 */
function withoutObjectors(app: Application): Application {
  return {
    ...app,
    trail: app.trail.map((e) => (e.action === 'objected' ? { ...e, by: 'someone', name: undefined } : e)),
  };
}
