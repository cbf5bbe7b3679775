import { createHash } from 'node:crypto';
import type { Org, PersonRef } from '../config/org.ts';
import { type Actor, actorFrom, grantsFromOrg, personKey, type RoleGrant } from '../domain/roles.ts';
import type { Logger } from '../lib/logger.ts';
import type { FeishuIds, PeopleCache, Profile, ProfileCache } from '../store/people-cache.ts';

export type { FeishuIds, Profile } from '../store/people-cache.ts';

/** Describes someone who is not in the org file (the contact API; nothing in local mode). */
export interface ProfileSource {
  /** Their name and department, what is known of it; never throws. */
  profile(openId: string): Promise<Profile>;
}

/** Local mode: nobody outside the org file can be looked up. */
export class NoProfiles implements ProfileSource {
  async profile(): Promise<Profile> {
    return { v: 1 };
  }
}

/** Asks the source once a week per person (once a day for someone it could not describe). */
export class CachedProfiles implements ProfileSource {
  constructor(
    private readonly inner: ProfileSource,
    private readonly cache: ProfileCache,
  ) {}

  async profile(openId: string): Promise<Profile> {
    const cached = await this.cache.get(openId);
    if (cached) return cached;
    const fresh = await this.inner.profile(openId);
    await this.cache.put(openId, fresh);
    return fresh;
  }
}

/** Turns emails and user_ids into open_ids (the contact API, or a stand-in in local mode). */
export interface PeopleResolver {
  /** Resolves what it can; refs it cannot resolve are left out of the result. */
  resolve(refs: readonly PersonRef[]): Promise<Map<string, FeishuIds>>;
}

/** Local mode: a stable made-up open_id per person, so the local chat works without Feishu. */
export class LocalPeopleResolver implements PeopleResolver {
  async resolve(refs: readonly PersonRef[]): Promise<Map<string, FeishuIds>> {
    return new Map(refs.map((r) => [personKey(r), { v: 1 as const, openId: localOpenId(r), name: r.name }]));
  }
}

/** `ou_local_…` from a ref: the same in every run, never a real open_id. */
export function localOpenId(ref: PersonRef | string): string {
  if (typeof ref !== 'string' && ref.kind === 'open_id') return ref.value;
  const text = typeof ref === 'string' ? ref : personKey(ref);
  return `ou_local_${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
}

/**
 * Caches every resolution in the store, so the contact API is asked once per person,
 * not once per start or per replica.
 */
export class CachedPeopleResolver implements PeopleResolver {
  constructor(
    private readonly inner: PeopleResolver,
    private readonly cache: PeopleCache,
  ) {}

  async resolve(refs: readonly PersonRef[]): Promise<Map<string, FeishuIds>> {
    const out = await this.cache.get(refs.map(personKey));
    const missing = refs.filter((ref) => !out.has(personKey(ref)));
    if (missing.length === 0) return out;
    const fresh = await this.inner.resolve(missing);
    await this.cache.put(fresh);
    for (const [k, v] of fresh) out.set(k, v);
    return out;
  }
}

/**
 * Who is who: the org file's people resolved to Feishu ids, and the roles each holds.
 * Built at start; people that could not be resolved yet are retried by {@link Directory.refresh}.
 */
export class Directory {
  private byOpenId = new Map<string, RoleGrant[]>();
  private byUserId = new Map<string, RoleGrant[]>();
  private ids = new Map<string, FeishuIds>();
  /** The resolved ids by open_id (built with the role index; every update asks). */
  private idsByOpenId = new Map<string, FeishuIds>();
  private readonly grants: ReturnType<typeof grantsFromOrg>;

  constructor(
    readonly org: Org,
    private readonly resolver: PeopleResolver,
    private readonly log: Logger,
    private readonly profiles: ProfileSource = new NoProfiles(),
  ) {
    this.grants = grantsFromOrg(org);
  }

  /** Who someone is: the org file's name, else what the contact API says (cached). */
  async profileOf(openId: string): Promise<Profile> {
    const name = this.nameOf(openId);
    if (name) return { v: 1, name };
    return this.profiles.profile(openId);
  }

  /** Resolves everyone not resolved yet; returns how many are still unresolved. */
  async refresh(): Promise<number> {
    // An open_id needs no lookup: it is known even while the resolver fails.
    for (const { ref } of this.grants.values()) {
      if (ref.kind === 'open_id' && !this.ids.has(personKey(ref))) {
        this.ids.set(personKey(ref), { v: 1, openId: ref.value, name: ref.name });
      }
    }
    const pending = [...this.grants.values()].map((g) => g.ref).filter((r) => !this.ids.has(personKey(r)));
    if (pending.length > 0) {
      try {
        const found = await this.resolver.resolve(pending);
        for (const [k, v] of found) this.ids.set(k, v);
      } catch (err) {
        this.log.warn({ err: String(err) }, 'directory: could not resolve people from the org file');
      }
    }
    this.index();
    const unresolved = [...this.grants.keys()].filter((k) => !this.ids.has(k));
    if (unresolved.length > 0)
      this.log.warn({ unresolved }, 'directory: people not resolved to open_ids yet');
    return unresolved.length;
  }

  /** The asking person's roles, matched on open_id, else on user_id. */
  actorFor(ids: { openId: string; userId?: string | null; unionId?: string; name?: string }): Actor {
    const grants =
      this.byOpenId.get(ids.openId) ?? (ids.userId ? this.byUserId.get(ids.userId) : undefined) ?? [];
    const known = this.idsByOpenId.get(ids.openId);
    return actorFrom(
      {
        openId: ids.openId,
        userId: ids.userId ?? known?.userId,
        unionId: ids.unionId ?? known?.unionId,
        name: ids.name ?? known?.name,
      },
      grants,
    );
  }

  /** open_ids of the people named (those resolved). */
  openIds(refs: readonly PersonRef[]): string[] {
    return [...new Set(refs.map((r) => this.ids.get(personKey(r))?.openId).filter((x): x is string => !!x))];
  }

  /** Someone's open_id from an email or user_id: the org file's people first, else the contact API (cached). */
  async openIdOf(ref: PersonRef): Promise<string | undefined> {
    const key = personKey(ref);
    const known = this.ids.get(key)?.openId;
    if (known) return known;
    try {
      return (await this.resolver.resolve([ref])).get(key)?.openId;
    } catch (err) {
      this.log.warn({ err: String(err) }, 'directory: could not look up a person');
      return undefined;
    }
  }

  /** A person's display name from the org file, if they are in it. */
  nameOf(openId: string): string | undefined {
    return this.people().find((p) => p.openId === openId)?.name;
  }

  /** Everyone named in the org file, with a display name and open_id when known. */
  people(): { key: string; name?: string; openId?: string }[] {
    return [...this.grants].map(([key, g]) => ({
      key,
      name: g.ref.name ?? this.ids.get(key)?.name,
      openId: this.ids.get(key)?.openId,
    }));
  }

  private index(): void {
    const byOpenId = new Map<string, RoleGrant[]>();
    const byUserId = new Map<string, RoleGrant[]>();
    for (const [key, { ref, grants }] of this.grants) {
      const ids = this.ids.get(key);
      const openId = ids?.openId ?? (ref.kind === 'open_id' ? ref.value : undefined);
      const userId = ids?.userId ?? (ref.kind === 'user_id' ? ref.value : undefined);
      if (openId) byOpenId.set(openId, [...(byOpenId.get(openId) ?? []), ...grants]);
      if (userId) byUserId.set(userId, [...(byUserId.get(userId) ?? []), ...grants]);
    }
    this.byOpenId = byOpenId;
    this.byUserId = byUserId;
    this.idsByOpenId = new Map([...this.ids.values()].map((ids) => [ids.openId, ids]));
  }
}
