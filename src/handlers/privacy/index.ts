import type { Feature } from '../../bot/command.ts';
import { myData } from './my-data.ts';

/** What the bot holds about a person, for them to see and take away (`/我的数据`). */
export const privacy: Feature = {
  name: 'privacy',
  commands: [myData],
  actions: [],
};
