import type { Feature } from '../../bot/command.ts';
import { activitiesCommand } from './activities.ts';
import { activityCommand } from './activity.ts';
import { activityCancel } from './activity-cancel.ts';
import { activityCreate } from './activity-create.ts';
import { activityOffer } from './activity-offer.ts';
import { activityProfile } from './activity-profile.ts';
import { activityPublish } from './activity-publish.ts';
import { activityRegister } from './activity-register.ts';
import { cancelCommand } from './cancel.ts';
import { checkIn } from './checkin.ts';
import { checkInCodeCommand } from './checkin-code.ts';
import { checkInCodeRefresh } from './checkin-code-refresh.ts';
import { excuse } from './leave.ts';
import { registerCommand } from './register.ts';

/** Activities (活动报名, issue 11): create and publish, register, waitlist and offers, lottery, cancel, find. */
export const activities: Feature = {
  name: 'activities',
  commands: [
    activitiesCommand,
    registerCommand,
    cancelCommand,
    activityCommand,
    checkInCodeCommand,
    checkIn,
    excuse,
  ],
  actions: [
    activityCreate,
    activityPublish,
    activityRegister,
    activityProfile,
    activityOffer,
    activityCancel,
    checkInCodeRefresh,
  ],
};
