import type { Job } from '../job.ts';
import { grievanceEscalation } from './grievance-escalation.ts';
import { grievanceRetention } from './grievance-retention.ts';
import { grievanceSummary } from './grievance-summary.ts';

/** Grievances' jobs: service levels that warn and escalate, unrated tickets that close; the monthly public summary; retention. */
export const grievanceJobs: readonly Job[] = [grievanceEscalation, grievanceSummary, grievanceRetention];
