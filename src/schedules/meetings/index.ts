import type { Job } from '../job.ts';
import { studyMeetingCompliance } from './study-meeting-compliance.ts';
import { studyMeetingFollowup } from './study-meeting-followup.ts';
import { studyMeetingReminder } from './study-meeting-reminder.ts';

/** The study meeting's jobs: the reminder on the 1st, the follow-up on the 20th, the compliance card. */
export const meetingJobs: readonly Job[] = [
  studyMeetingReminder,
  studyMeetingFollowup,
  studyMeetingCompliance,
];
