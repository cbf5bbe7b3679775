import type { Translate } from '../../i18n/index.ts';
import {
  buttonRow,
  type Card,
  type CardElement,
  card,
  divider,
  form,
  input,
  markdown,
  submitButton,
} from '../card.ts';
import { atMarkdown, escapeMarkdown } from '../escape.ts';

/** The value of an objection card's buttons. */
export function objectionValue(id: string, n: number, d: 'uphold' | 'dismiss') {
  return { a: 'objection.resolve', id, n, d, v: 1 } as const;
}

export interface ObjectionCardModel {
  id: string;
  n: number;
  applicant: string;
  college: string;
  department: string;
  /** End of the notice, local time. */
  until: string;
  /** Who objected: a name, or the word for anonymous. Never an anonymous objector's id. */
  by: string;
  /** A named objector nobody could name: Feishu shows them by this open_id (a mention). */
  byOpenId?: string;
  /** When, local time. */
  at: string;
  reason: string;
  /** The application's trail, as plain lines. */
  trail: readonly string[];
  /** Set once the League committee decided. */
  resolved?: { status: 'upheld' | 'dismissed'; who: string; when: string; reason: string };
}

/**
 * An objection during the public notice, for the League committee: the objection, the
 * application's trail, and (while open) a required resolution with uphold / dismiss.
 */
export function objectionCard(m: ObjectionCardModel, t: Translate): Card {
  const by = m.byOpenId
    ? escapeMarkdown(t('objection.card.by', { who: '' })) + atMarkdown(m.byOpenId)
    : escapeMarkdown(t('objection.card.by', { who: m.by }));
  const facts = [
    escapeMarkdown(
      t('objection.card.applicant', { name: m.applicant, college: m.college, department: m.department }),
    ),
    by,
    ...[
      t('objection.card.at', { when: m.at }),
      t('objection.card.reason', { reason: m.reason }),
      t('objection.card.until', { until: m.until }),
    ].map(escapeMarkdown),
  ];
  const elements: CardElement[] = [markdown(facts.join('\n'))];
  if (m.trail.length > 0) {
    elements.push(
      divider(),
      markdown(
        [`**${escapeMarkdown(t('objection.card.trail'))}**`, ...m.trail.map(escapeMarkdown)].join('\n'),
      ),
    );
  }
  elements.push(divider());
  if (m.resolved) {
    const r = m.resolved;
    elements.push(
      markdown(
        `**${escapeMarkdown(t(`objection.card.${r.status}`, { who: r.who, when: r.when, reason: r.reason }))}**`,
      ),
    );
  } else {
    elements.push(
      form('objection_form', [
        input('reason', t('objection.card.resolutionLabel'), {
          required: true,
          maxLength: 300,
          placeholder: t('objection.card.resolutionPlaceholder'),
        }),
        buttonRow(
          (['uphold', 'dismiss'] as const).map((d) =>
            submitButton(
              d,
              t(`objection.card.${d}`),
              objectionValue(m.id, m.n, d),
              d === 'uphold' ? 'danger' : 'default',
            ),
          ),
        ),
      ]),
    );
  }
  const color = m.resolved ? (m.resolved.status === 'upheld' ? 'red' : 'green') : 'orange';
  return card(t('objection.card.title', { id: m.id, n: m.n }), elements, color);
}
