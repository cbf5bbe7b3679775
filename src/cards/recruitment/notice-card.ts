import type { Translate } from '../../i18n/index.ts';
import { type Card, card, markdown } from '../card.ts';
import { escapeMarkdown } from '../escape.ts';

/** What a public notice shows: never the student number or the phone. */
export interface NoticeModel {
  id: string;
  name: string;
  college: string;
  department: string;
  /** The end of the notice, already in local time (`yyyy-MM-dd HH:mm`). */
  until: string;
}

/**
 * 公示 (source document 二(三): 选拔过程公开透明，接受广大同学监督): who passed the panel
 * for which department, until when, and how to object (openly or anonymously).
 */
export function noticeCard(m: NoticeModel, t: Translate): Card {
  const lines = [
    t('notice.intro', { department: m.department }),
    '',
    t('notice.id', { id: m.id }),
    t('notice.name', { name: m.name }),
    t('notice.college', { college: m.college }),
    t('notice.department', { department: m.department }),
    t('notice.until', { until: m.until }),
  ];
  return card(
    t('notice.title', { id: m.id }),
    [markdown(lines.map(escapeMarkdown).join('\n')), markdown(escapeMarkdown(t('notice.how', { id: m.id })))],
    'orange',
  );
}
