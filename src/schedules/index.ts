import { activityJobs } from './activities/index.ts';
import { grievanceJobs } from './grievances/index.ts';
import type { Job } from './job.ts';
import { meetingJobs } from './meetings/index.ts';
import { recruitmentJobs } from './recruitment/index.ts';
import { reportJobs } from './report/index.ts';

/** Every scheduled job (SPEC §6), by feature. A feature adds its folder's list with a line here. */
export function jobs(): readonly Job[] {
  return [...reportJobs, ...meetingJobs, ...recruitmentJobs, ...grievanceJobs, ...activityJobs];
}
