import type { Feature } from '../../bot/command.ts';
import { meeting } from './meeting.ts';
import { meetingRecord } from './meeting-record.ts';

/** The monthly study meeting (source document 二(四)1): recording and listing. */
export const meetings: Feature = {
  name: 'meetings',
  commands: [meeting],
  actions: [meetingRecord],
};
