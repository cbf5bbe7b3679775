import type { AnyCardAction, Command, Feature } from '../bot/command.ts';
import { activities } from './activities/index.ts';
import { core } from './core/index.ts';
import { grievances } from './grievances/index.ts';
import { meetings } from './meetings/index.ts';
import { privacy } from './privacy/index.ts';
import { recruitment } from './recruitment/index.ts';
import { reportFeature } from './report/index.ts';

/**
 * Every feature's handlers, in help order. A feature is a folder with an `index.ts`
 * listing its commands and card actions; add one with a line here.
 */
export function features(): readonly Feature[] {
  return [core, recruitment, grievances, activities, meetings, reportFeature, privacy];
}

/** Every command of every feature. */
export function commands(): readonly Command[] {
  return features().flatMap((f) => f.commands);
}

/** Every card action of every feature. */
export function actions(): readonly AnyCardAction[] {
  return features().flatMap((f) => f.actions);
}
