import type { Translate } from '../../i18n/index.ts';
import { type Card, card, form, input, markdown, submitButton } from '../card.ts';
import { escapeMarkdown } from '../escape.ts';

/** The longest reason a member may give for resigning. */
export const RESIGN_REASON_MAX = 300;

/** The confirm button's value: resign from department `d`. */
export function resignValue(department: string) {
  return { a: 'membership.resign', d: department, v: 1 } as const;
}

/** `/resign`'s confirmation: what happens, an optional reason, and the button that does it. */
export function resignConfirmCard(
  m: { department: string; departmentName: string; reason?: string },
  t: Translate,
): Card {
  return card(
    t('resign.confirm.title', { department: m.departmentName }),
    [
      markdown(escapeMarkdown(t('resign.confirm.body', { department: m.departmentName }))),
      form('resign', [
        input('reason', t('resign.confirm.reason'), {
          maxLength: RESIGN_REASON_MAX,
          multiline: { rows: 2 },
          ...(m.reason ? { defaultValue: m.reason } : {}),
        }),
        submitButton('confirm', t('resign.confirm.button'), resignValue(m.department), 'danger'),
      ]),
    ],
    'orange',
  );
}

/** What the confirmation card becomes once the member has resigned. */
export function resignedCard(m: { departmentName: string }, t: Translate): Card {
  return card(
    t('resign.confirm.title', { department: m.departmentName }),
    [markdown(escapeMarkdown(t('resign.done', { department: m.departmentName })))],
    'grey',
  );
}
