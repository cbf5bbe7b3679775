import { z } from 'zod';
import type { KeySpace } from './keys.ts';
import type { Store } from './store.ts';

/** A person's Feishu ids for this app. */
export const FeishuIdsSchema = z.object({
  v: z.literal(1).default(1),
  openId: z.string(),
  userId: z.string().optional(),
  unionId: z.string().optional(),
  name: z.string().optional(),
});
export type FeishuIds = z.infer<typeof FeishuIdsSchema>;

/** People named in the org file, resolved to Feishu ids once (`person:<ref>`). */
export class PeopleCache {
  constructor(
    private readonly store: Store,
    private readonly keys: KeySpace,
  ) {}

  /** The cached ids of each person key (one round trip); unknown or unreadable ones are left out. */
  async get(personKeys: readonly string[]): Promise<Map<string, FeishuIds>> {
    const out = new Map<string, FeishuIds>();
    if (personKeys.length === 0) return out;
    const stored = await this.store.mget(personKeys.map((k) => this.keys.person(k)));
    personKeys.forEach((key, i) => {
      const raw = stored[i];
      const parsed = raw ? FeishuIdsSchema.safeParse(JSON.parse(raw)) : undefined;
      if (parsed?.success) out.set(key, parsed.data);
    });
    return out;
  }

  async put(found: ReadonlyMap<string, FeishuIds>): Promise<void> {
    const writes = [...found].map(([key, ids]) => ({
      op: 'set' as const,
      key: this.keys.person(key),
      value: JSON.stringify(ids),
    }));
    if (writes.length > 0) await this.store.commit({ plan: () => ({ writes, result: null }) });
  }
}

/** What the contact API says about someone: their name and (first) department's name. */
export const ProfileSchema = z.object({
  v: z.literal(1).default(1),
  name: z.string().optional(),
  department: z.string().optional(),
});
export type Profile = z.infer<typeof ProfileSchema>;

const PROFILE_TTL_MS = 7 * 24 * 3600_000;
/** Someone the contact API could not describe is asked again the next day, not on every step. */
const UNKNOWN_TTL_MS = 24 * 3600_000;

/** Profiles of people outside the org file (`profile:<open_id>`), so the contact API is asked once a week. */
export class ProfileCache {
  constructor(
    private readonly store: Store,
    private readonly keys: KeySpace,
  ) {}

  async get(openId: string): Promise<Profile | undefined> {
    const raw = await this.store.get(this.keys.profile(openId));
    const parsed = raw ? ProfileSchema.safeParse(JSON.parse(raw)) : undefined;
    return parsed?.success ? parsed.data : undefined;
  }

  async put(openId: string, profile: Profile): Promise<void> {
    const known = profile.name !== undefined || profile.department !== undefined;
    await this.store.setIfAbsent(
      this.keys.profile(openId),
      JSON.stringify(profile),
      known ? PROFILE_TTL_MS : UNKNOWN_TTL_MS,
    );
  }
}
