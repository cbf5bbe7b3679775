import type { Job } from '../job.ts';
import { leagueReportOverdue } from './league-report-overdue.ts';
import { leagueReportReminder } from './league-report-reminder.ts';

/** The monthly report's jobs: the draft on the 25th, the overdue flag on the 5th. */
export const reportJobs: readonly Job[] = [leagueReportReminder, leagueReportOverdue];
