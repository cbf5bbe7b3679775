import type { Job } from './job.ts';

/** Every scheduled job (SPEC §6). Add one by adding a file here and a line in this list. */
export function jobs(): readonly Job[] {
  return [];
}
