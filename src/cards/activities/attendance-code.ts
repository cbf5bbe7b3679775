import type { Translate } from '../../i18n/index.ts';
import { button, type Card, card, markdown } from '../card.ts';
import { escapeMarkdown } from '../escape.ts';

/** What the check-in code card shows. */
export interface CheckInCodeModel {
  id: string;
  title: string;
  code: string;
  /** Local time the code is shown until (`14:03:00`). */
  until: string;
  /** Local end of the check-in window. */
  windowUntil: string;
  minutes: number;
  /** Seated students who checked in so far, and how many are seated. */
  attended: number;
  seated: number;
}

/** `/签到码`: the current code, large, with when it turns and a 刷新 button for the next one. */
export function checkInCodeCard(m: CheckInCodeModel, t: Translate): Card {
  return card(
    t('checkinCode.card.title', { id: m.id }),
    [
      markdown(escapeMarkdown(m.title)),
      markdown(`# ${m.code}`),
      markdown(
        escapeMarkdown(
          t('checkinCode.card.until', { until: m.until, minutes: m.minutes, windowUntil: m.windowUntil }),
        ),
      ),
      markdown(escapeMarkdown(t('checkinCode.card.howTo', { id: m.id, code: m.code }))),
      markdown(escapeMarkdown(t('checkinCode.card.count', { attended: m.attended, seated: m.seated }))),
      button(t('checkinCode.card.refresh'), { a: 'checkin.code', id: m.id, v: 1 }, 'primary'),
    ],
    'green',
  );
}
