import type { PendingSource, StatusSource } from '../bot/command.ts';
import { registrationsOf } from './activities/sources.ts';
import { ticketsOfReporter, ticketsWaitingOn } from './grievances/sources.ts';
import { applicationsWaitingOn } from './recruitment/pending-source.ts';

/**
 * What each feature adds to `/pending` (things waiting on me) and `/status` (my own
 * things). A feature adds its source with a line here.
 */
export const PENDING_SOURCES: readonly PendingSource[] = [applicationsWaitingOn, ticketsWaitingOn];
export const STATUS_SOURCES: readonly StatusSource[] = [ticketsOfReporter, registrationsOf];
