import type { Meeting } from '../../domain/meetings.ts';
import type { Translate } from '../../i18n/index.ts';
import {
  type Card,
  type CardElement,
  card,
  form,
  input,
  markdown,
  plainText,
  select,
  submitButton,
} from '../card.ts';
import { escapeMarkdown } from '../escape.ts';

/** A unit with its meetings of one month. */
export interface UnitMeetings {
  id: string;
  name: string;
  meetings: readonly Meeting[];
}

/** The value of the form's submit button. */
export function meetingRecordValue() {
  return { a: 'meeting.record', v: 1 } as const;
}

/**
 * `/meeting` without arguments: a form. Its fields come back in the callback's
 * `form_value` under their names (`unit`, `date`, `topic`, `attendance`, `minutes`).
 */
export function meetingFormCard(
  m: { units: readonly { id: string; name: string }[]; today: string },
  t: Translate,
): Card {
  const [only] = m.units;
  const fields: CardElement[] = [];
  if (m.units.length > 1) {
    fields.push(
      select(
        'unit',
        t('meeting.form.unit'),
        m.units.map((u) => ({ label: u.name, value: u.id })),
        { required: true },
      ),
    );
  }
  fields.push(
    {
      tag: 'date_picker',
      name: 'date',
      required: true,
      initial_date: m.today,
      placeholder: plainText(t('meeting.form.date')),
    },
    input('topic', t('meeting.form.topic'), {
      required: true,
      maxLength: 100,
      placeholder: t('meeting.form.topicPlaceholder'),
    }),
    input('attendance', t('meeting.form.attendance'), {
      required: true,
      maxLength: 6,
      placeholder: t('meeting.form.attendancePlaceholder'),
    }),
    input('minutes', t('meeting.form.minutes'), {
      maxLength: 1000,
      placeholder: t('meeting.form.minutesPlaceholder'),
    }),
    submitButton('submit', t('meeting.form.submit'), meetingRecordValue(), 'primary_filled'),
  );
  const intro =
    m.units.length === 1 && only ? t('meeting.form.introFor', { unit: only.name }) : t('meeting.form.intro');
  return card(t('meeting.form.title'), [markdown(escapeMarkdown(intro)), form('meeting_form', fields)]);
}

/** What replaces the form once it is recorded: the same lines as the text reply. */
export function meetingRecordedCard(lines: readonly string[], t: Translate): Card {
  return card(t('meeting.form.doneTitle'), [markdown(lines.map(escapeMarkdown).join('\n'))], 'green');
}

/** The month, unit by unit: held ✓ with dates and topics, or not yet ✗; the summary first. */
export function meetingMonthElements(units: readonly UnitMeetings[], t: Translate): CardElement[] {
  const held = units.filter((u) => u.meetings.length > 0).length;
  const summary = t('meeting.month.summary', { held, total: units.length });
  const lines = units.map((u) => {
    if (u.meetings.length === 0) {
      return `<font color='red'>${escapeMarkdown(t('meeting.month.notHeld', { unit: u.name }))}</font>`;
    }
    const head = `**${escapeMarkdown(t('meeting.month.held', { unit: u.name, count: u.meetings.length }))}**`;
    return [head, ...u.meetings.map((m) => meetingLine(m, t))].join('\n');
  });
  return [markdown(`**${escapeMarkdown(summary)}**`), markdown(lines.join('\n'))];
}

function meetingLine(m: Meeting, t: Translate): string {
  let line = escapeMarkdown(t('meeting.month.item', { date: m.date.slice(5), topic: m.topic }));
  if (m.attendance !== null) line += escapeMarkdown(t('meeting.month.attendance', { n: m.attendance }));
  const href = m.minutesUrl && safeHref(m.minutesUrl);
  if (href) line += ` [${escapeMarkdown(t('meeting.month.minutes'))}](${href})`;
  return line;
}

/**
 * A stored http(s) link made safe inside `[text](…)`: characters that could close the
 * link or start markup are percent-encoded. Anything that is not http(s) is dropped.
 */
export function safeHref(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  return parsed.href.replace(
    /[()[\]<>"'`\s*_~|\\!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/** `/meeting list` and the compliance card for the League committee. */
export function meetingMonthCard(
  m: { month: string; units: readonly UnitMeetings[]; compliance?: boolean },
  t: Translate,
): Card {
  const allHeld = m.units.every((u) => u.meetings.length > 0);
  return m.compliance
    ? card(
        t('meeting.compliance.title', { month: m.month }),
        meetingMonthElements(m.units, t),
        allHeld ? 'green' : 'orange',
        t('meeting.compliance.subtitle'),
      )
    : card(t('meeting.month.title', { month: m.month }), meetingMonthElements(m.units, t), 'blue');
}

/** Meetings per unit as a bar chart (VChart spec inside a schema-2.0 card). */
export function meetingsChart(units: readonly UnitMeetings[]): CardElement {
  return {
    tag: 'chart',
    aspect_ratio: '16:9',
    chart_spec: {
      type: 'bar',
      data: { values: units.map((u) => ({ unit: u.name, meetings: u.meetings.length })) },
      xField: 'unit',
      yField: 'meetings',
    },
  };
}
