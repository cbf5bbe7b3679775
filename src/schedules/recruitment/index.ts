import type { Job } from '../job.ts';
import { approvalNudge } from './approval-nudge.ts';
import { noticeClose } from './notice-close.ts';

/** Recruitment's jobs: public notices that end, approvers who wait. */
export const recruitmentJobs: readonly Job[] = [noticeClose, approvalNudge];
