import { approvalNudge } from './approval-nudge.ts';
import type { Job } from './job.ts';
import { leagueReportOverdue } from './league-report-overdue.ts';
import { leagueReportReminder } from './league-report-reminder.ts';
import { noticeClose } from './notice-close.ts';
import { studyMeetingCompliance } from './study-meeting-compliance.ts';
import { studyMeetingFollowup } from './study-meeting-followup.ts';
import { studyMeetingReminder } from './study-meeting-reminder.ts';

/** Every scheduled job (SPEC §6). Add one by adding a file here and a line in this list. */
export function jobs(): readonly Job[] {
  return [
    leagueReportReminder,
    leagueReportOverdue,
    studyMeetingReminder,
    studyMeetingFollowup,
    studyMeetingCompliance,
    noticeClose,
    approvalNudge,
  ];
}
