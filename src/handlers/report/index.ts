import type { Feature } from '../../bot/command.ts';
import { report as reportCommand } from './report.ts';
import { reportSend } from './report-send.ts';

/** The monthly work report to the League committee (source document 二(四)3). */
export const reportFeature: Feature = {
  name: 'report',
  commands: [reportCommand],
  actions: [reportSend],
};
