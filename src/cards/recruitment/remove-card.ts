import type { Translate } from '../../i18n/index.ts';
import { type Card, card, form, input, markdown, submitButton } from '../card.ts';
import { escapeMarkdown } from '../escape.ts';

/** The longest reason the presidium may give for removing a member. */
export const REMOVE_REASON_MAX = 300;

/** The confirm button's value: remove member `o` from department `d`. */
export function removeValue(openId: string, department: string) {
  return { a: 'membership.remove', o: openId, d: department, v: 1 } as const;
}

export interface RemoveCardModel {
  openId: string;
  name: string;
  department: string;
  departmentName: string;
  reason: string;
}

/** `/remove`'s confirmation: who, which department, the reason (editable), and the button that does it. */
export function removeConfirmCard(m: RemoveCardModel, t: Translate): Card {
  const names = { name: m.name, department: m.departmentName };
  return card(
    t('remove.confirm.title', names),
    [
      markdown(escapeMarkdown(t('remove.confirm.body', names))),
      form('remove', [
        input('reason', t('remove.confirm.reason'), {
          required: true,
          maxLength: REMOVE_REASON_MAX,
          multiline: { rows: 2 },
          defaultValue: m.reason,
        }),
        submitButton('confirm', t('remove.confirm.button'), removeValue(m.openId, m.department), 'danger'),
      ]),
    ],
    'red',
  );
}

/** What the confirmation card becomes once the member is removed. */
export function removedCard(m: { name: string; departmentName: string; reason: string }, t: Translate): Card {
  const names = { name: m.name, department: m.departmentName };
  return card(
    t('remove.confirm.title', names),
    [markdown(escapeMarkdown(t('remove.confirmed', { ...names, reason: m.reason })))],
    'grey',
  );
}
