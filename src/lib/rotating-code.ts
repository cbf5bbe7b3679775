import { createHmac } from 'node:crypto';

/** The check-in code of a time slot: 6 digits from a keyed hash of the activity and the slot. */
export function checkInCode(secret: string, activityId: string, slot: number): string {
  const h = createHmac('sha256', secret).update(`${activityId}:${slot}`).digest();
  return String(h.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

/** The slot an instant falls in, for codes that rotate every `minutes`. */
export function codeSlot(now: Date, minutes: number): number {
  return Math.floor(now.getTime() / (minutes * 60_000));
}

/** Is `code` the current slot's code (or the previous one's: a code read just before it turned)? */
export function codeMatches(
  secret: string,
  activityId: string,
  code: string,
  now: Date,
  minutes: number,
): boolean {
  const slot = codeSlot(now, minutes);
  return [slot, slot - 1].some((s) => checkInCode(secret, activityId, s) === code.trim());
}
