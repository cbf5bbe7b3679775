import type { Org } from '../config/org.ts';
import { POLITICAL_STATUSES } from '../config/org.ts';
import { CLASS_MAX, NAME_MAX, REASON_MAX } from '../domain/application-form.ts';
import type { Application } from '../domain/recruitment.ts';
import type { Translate } from '../i18n/index.ts';
import { type Card, type CardElement, card, divider, markdown } from './card.ts';
import { escapeMarkdown } from './escape.ts';
import { stageLabel, trailLines } from './trail.ts';

/** The value of the form's submit button. */
export function applicationSubmitValue() {
  return { a: 'application.submit', v: 1 } as const;
}

const plain = (content: string) => ({ tag: 'plain_text', content });
const option = (label: string, value: string) => ({ text: plain(label), value });

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
  const input = (name: string, label: string, max: number, extra: Record<string, unknown> = {}) => ({
    tag: 'input',
    name,
    required: true,
    max_length: max,
    label: plain(label),
    placeholder: plain(t(`apply.placeholder.${name as 'name'}`)),
    ...extra,
  });
  const fields: CardElement[] = [
    input('name', t('apply.field.name'), NAME_MAX, m.name ? { default_value: m.name } : {}),
    input('studentNo', t('apply.field.studentNo'), 32),
    {
      tag: 'select_static',
      name: 'college',
      required: true,
      placeholder: plain(t('apply.placeholder.college')),
      options: m.colleges.map((c) => option(c.name, c.id)),
    },
    input('className', t('apply.field.className'), CLASS_MAX),
    {
      tag: 'select_static',
      name: 'political',
      required: true,
      placeholder: plain(t('apply.placeholder.political')),
      options: POLITICAL_STATUSES.map((s) => option(s, s)),
    },
    {
      tag: 'select_static',
      name: 'first',
      required: true,
      placeholder: plain(t('apply.placeholder.first')),
      options: departments,
      ...(m.preselect ? { initial_option: m.preselect } : {}),
    },
    {
      tag: 'select_static',
      name: 'second',
      required: false,
      placeholder: plain(t('apply.placeholder.second')),
      options: departments,
    },
    {
      tag: 'select_static',
      name: 'adjust',
      required: false,
      placeholder: plain(t('apply.placeholder.adjust')),
      initial_option: 'no',
      options: [option(t('apply.adjust.yes'), 'yes'), option(t('apply.adjust.no'), 'no')],
    },
    input('reason', t('apply.field.reason'), REASON_MAX, { input_type: 'multiline_text', rows: 4 }),
    input('phone', t('apply.field.phone'), 20),
    {
      tag: 'button',
      name: 'submit',
      text: plain(t('apply.form.submit')),
      type: 'primary_filled',
      form_action_type: 'submit',
      behaviors: [{ type: 'callback', value: applicationSubmitValue() }],
    },
  ];
  const intro = t('apply.form.intro', { chain: m.chain.join(' → '), days: m.noticeDays });
  return card(t('apply.form.title'), [
    ...(m.note ? [markdown(escapeMarkdown(m.note))] : []),
    markdown(escapeMarkdown(intro)),
    { tag: 'form', name: 'application_form', elements: fields },
  ]);
}

/** A department's name (its id when the org file no longer has it). */
export function departmentName(org: Org, id: string): string {
  return org.departments.find((d) => d.id === id)?.name ?? id;
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
  opts: { personal: boolean },
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
    markdown(`**${escapeMarkdown(app.id)}**\n${lines.map(escapeMarkdown).join('\n')}`),
    markdown(`**${escapeMarkdown(t('apply.card.trail'))}**\n${trail.join('\n')}`),
  ];
}

/** What replaces the form once submitted: the application, where it is, and what comes next. */
export function applicationSubmittedCard(app: Application, org: Org, t: Translate): Card {
  const stage = org.recruitment.stages[app.stage];
  return card(
    t('apply.submitted.title'),
    [
      ...applicationElements(app, org, t, { personal: false }),
      divider(),
      markdown(
        escapeMarkdown(t('apply.submitted.next', { stage: stage ? t(`stage.${stage.approvers}`) : '' })),
      ),
    ],
    'green',
    app.id,
  );
}

/** `/status`: the person's applications, newest first, and their memberships. */
export function statusCard(
  /** `memberships`: the departments' names as one list (empty: none). */
  m: { applications: readonly Application[]; memberships: string },
  org: Org,
  t: Translate,
): Card {
  const elements: CardElement[] = [];
  if (m.applications.length === 0) elements.push(markdown(escapeMarkdown(t('status.none'))));
  m.applications.forEach((app, i) => {
    if (i > 0) elements.push(divider());
    elements.push(...applicationElements(app, org, t, { personal: true }));
  });
  elements.push(divider());
  elements.push(
    markdown(
      escapeMarkdown(
        m.memberships ? t('status.memberships', { departments: m.memberships }) : t('status.noMembership'),
      ),
    ),
  );
  return card(t('status.title'), elements, 'blue');
}
