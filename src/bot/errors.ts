import type { MessageKey, Params } from '../i18n/index.ts';

/** A refusal the user should read as-is: bad input, no permission, a rule. Changes nothing. */
export class UserError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: Params = {},
  ) {
    super(key);
    this.name = 'UserError';
  }
}

/** A short reference for an unexpected error, shown to the user and logged with the event. */
export function errorRef(updateKey: string): string {
  let h = 0;
  for (const ch of updateKey) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `E${h.toString(36).toUpperCase().padStart(6, '0').slice(-6)}`;
}
