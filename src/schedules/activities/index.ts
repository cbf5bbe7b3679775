import type { Job } from '../job.ts';
import { activityLottery } from './activity-lottery.ts';
import { activityOffers } from './activity-offers.ts';
import { activityReminders } from './activity-reminders.ts';

/** Activities' jobs: the lottery at the close of registration; offers that lapse and pass down; reminders before the start. */
export const activityJobs: readonly Job[] = [activityLottery, activityOffers, activityReminders];
