import type { ReportSection } from '../section.ts';

/** Study meetings per unit in the month. (Being written: see the meetings feature.) */
export const studyMeetingsSection: ReportSection = {
  id: 'study-meetings',
  async build(ctx) {
    return { title: ctx.t('help.section.work'), elements: [], facts: {} };
  },
};
