import { ACTIVITY_TEXT_MAX, ACTIVITY_TITLE_MAX } from '../../domain/activities.ts';
import type { Translate } from '../../i18n/index.ts';
import { type Card, card, form, input, markdown, plainText, select, submitButton } from '../card.ts';
import { escapeMarkdown } from '../escape.ts';
import { activityValues } from './activity-values.ts';

const option = (label: string, value: string) => ({ label, value });

/**
 * `/新建活动`: the form. Dates come from date pickers and times from `HH:mm` fields (Card
 * JSON 2.0 documents `date_picker`, not a date-time picker); the registration window is
 * typed as `YYYY-MM-DD HH:mm`. Colleges, grades and extra chats are comma lists.
 */
export function activityFormCard(
  m: { departments: readonly { id: string; name: string }[]; today: string },
  t: Translate,
): Card {
  // Only the start date starts at today: an end date left empty means the same day, and
  // Feishu submits a picker's initial date as if it had been chosen.
  const datePicker = (name: string, label: string, required: boolean) => ({
    tag: 'date_picker',
    name,
    required,
    ...(required ? { initial_date: m.today } : {}),
    placeholder: plainText(label),
  });
  return card(t('activity.form.title'), [
    markdown(escapeMarkdown(t('activity.form.intro'))),
    form('activity_form', [
      input('title', t('activity.form.name', { max: ACTIVITY_TITLE_MAX }), {
        required: true,
        maxLength: ACTIVITY_TITLE_MAX,
      }),
      input('description', t('activity.form.description'), {
        maxLength: ACTIVITY_TEXT_MAX,
        multiline: { rows: 3 },
      }),
      select(
        'department',
        t('activity.form.department'),
        m.departments.map((d) => option(d.name, d.id)),
        { required: true, ...(m.departments.length === 1 ? { initialOption: m.departments[0]?.id } : {}) },
      ),
      datePicker('startDate', t('activity.form.startDate'), true),
      input('startTime', t('activity.form.startTime'), {
        required: true,
        maxLength: 5,
        placeholder: '19:00',
      }),
      datePicker('endDate', t('activity.form.endDate'), false),
      input('endTime', t('activity.form.endTime'), { required: true, maxLength: 5, placeholder: '21:00' }),
      input('place', t('activity.form.place'), { required: true, maxLength: 100 }),
      input('capacity', t('activity.form.capacity'), { required: true, maxLength: 6, placeholder: '200' }),
      input('opens', t('activity.form.opens'), { maxLength: 16, placeholder: 'YYYY-MM-DD HH:mm' }),
      input('closes', t('activity.form.closes'), { maxLength: 16, placeholder: 'YYYY-MM-DD HH:mm' }),
      input('colleges', t('activity.form.colleges'), { maxLength: 500 }),
      input('grades', t('activity.form.grades'), { maxLength: 100, placeholder: '2024, 2025' }),
      select(
        'admission',
        t('activity.form.admission'),
        [
          option(t('activity.admission.firstCome'), 'first-come'),
          option(t('activity.admission.lottery'), 'lottery'),
        ],
        { initialOption: 'first-come' },
      ),
      select(
        'waitlist',
        t('activity.form.waitlist'),
        [option(t('activity.form.waitlistYes'), 'yes'), option(t('activity.form.waitlistNo'), 'no')],
        { initialOption: 'yes' },
      ),
      input('checkinBefore', t('activity.form.checkinBefore'), { maxLength: 4, defaultValue: '30' }),
      input('hours', t('activity.form.hours'), { maxLength: 5, defaultValue: '0' }),
      input('chats', t('activity.form.chats'), { maxLength: 500, placeholder: 'oc_xxx, oc_yyy' }),
      submitButton('submit', t('activity.form.submit'), activityValues.create(), 'primary_filled'),
    ]),
  ]);
}

/** A restricted activity and no college or grade on record: asked once, then registered. */
export function profileFormCard(
  m: {
    id: string;
    title: string;
    colleges: readonly { id: string; name: string }[];
    grades: readonly string[];
  },
  t: Translate,
): Card {
  return card(t('activity.profile.title'), [
    markdown(escapeMarkdown(t('activity.profile.intro', { id: m.id, title: m.title }))),
    form('profile_form', [
      select(
        'college',
        t('activity.profile.college'),
        m.colleges.map((c) => option(c.name, c.id)),
        { required: true },
      ),
      select(
        'grade',
        t('activity.profile.grade'),
        m.grades.map((g) => option(t('activity.profile.gradeOption', { grade: g }), g)),
        { required: true },
      ),
      submitButton('submit', t('activity.profile.submit'), activityValues.profile(m.id), 'primary_filled'),
    ]),
  ]);
}
