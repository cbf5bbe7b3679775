import type { Feature } from '../../bot/command.ts';
import { budget } from './budget.ts';
import { help } from './help.ts';
import { helpSection } from './help-section.ts';
import { whoami } from './whoami.ts';

/** What every person has whatever the union runs: help, identity, the API budget. */
export const core: Feature = {
  name: 'core',
  commands: [help, whoami, budget],
  actions: [helpSection],
};
