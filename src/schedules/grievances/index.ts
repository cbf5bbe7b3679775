import type { Job } from '../job.ts';
import { grievanceEscalation } from './grievance-escalation.ts';

/** Grievances' jobs: service levels that warn and escalate, unrated tickets that close. */
export const grievanceJobs: readonly Job[] = [grievanceEscalation];
