/** Button values of the activity cards (validated again when they come back) and card tracks. */
export const activityValues = {
  create: () => ({ a: 'activity.create', v: 1 }) as const,
  publish: (id: string) => ({ a: 'activity.publish', id, d: 'publish', v: 1 }) as const,
  discard: (id: string) => ({ a: 'activity.publish', id, d: 'discard', v: 1 }) as const,
  register: (id: string) => ({ a: 'activity.register', id, v: 1 }) as const,
  profile: (id: string) => ({ a: 'activity.profile', id, v: 1 }) as const,
  accept: (id: string) => ({ a: 'activity.offer', id, d: 'accept', v: 1 }) as const,
  decline: (id: string) => ({ a: 'activity.offer', id, d: 'decline', v: 1 }) as const,
  cancel: (id: string) => ({ a: 'activity.cancel', id, v: 1 }) as const,
};

/** Every copy of an activity's published card (announcements and the chosen chats). */
export function publishedTrack(id: string): string {
  return `activity:${id}:card`;
}

/** The organiser's card (the preview, then the one with the cancel button). */
export function organiserTrack(id: string): string {
  return `activity:${id}:organiser`;
}

/** `A12` (case-insensitive as typed). */
export const ACTIVITY_ID = /^A\d{1,9}$/i;
