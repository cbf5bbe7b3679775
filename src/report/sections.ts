import type { ReportSection } from './section.ts';
import { activitiesSection } from './sections/activities.ts';
import { grievancesSection } from './sections/grievances.ts';
import { headcountSection } from './sections/headcount.ts';
import { recruitmentSection } from './sections/recruitment.ts';
import { studyMeetingsSection } from './sections/study-meetings.ts';

/**
 * The parts of the monthly work report, in order. A feature adds its part with a file
 * under `sections/` and a line here. (A function, so a section file may import the list.)
 */
export function reportSections(): readonly ReportSection[] {
  return [studyMeetingsSection, headcountSection, recruitmentSection, grievancesSection, activitiesSection];
}
