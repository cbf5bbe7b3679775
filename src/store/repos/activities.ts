import {
  type Activity,
  ActivitySchema,
  type StudentProfile,
  StudentProfileSchema,
} from '../../domain/activities.ts';
import type { KeySpace } from '../keys.ts';
import type { SeatLists, SeatStanding, Store, WriteOp } from '../store.ts';
import type { UnitOfWork } from '../unit-of-work.ts';

export function parseActivity(raw: string | null | undefined): Activity | undefined {
  if (!raw) return undefined;
  const parsed = ActivitySchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : undefined;
}

/** How soon a card-update turn seen taken by another process is asked for again. */
const TAKEN_TURN_RECHECK_MS = 1_000;

export type ActivityDraft = Omit<
  Activity,
  'v' | 'id' | 'state' | 'reminded' | 'createdAt' | 'updatedAt' | 'rev'
>;

/**
 * Activities (`act:<id>`, JSON v1) through the unit of work, and their seat lists through
 * the store's atomic {@link SeatLists} (registration must hold under a stampede).
 */
export class ActivitiesRepo {
  /** Activities saved through this repository (a cache of them knows when to read again). */
  saves = 0;
  /** Activity id → until when (ms) its card's update turn is known to be taken. */
  private readonly turnTakenUntil = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly keys: KeySpace,
  ) {}

  async get(id: string): Promise<Activity | undefined> {
    return parseActivity(await this.store.get(this.keys.activity(id)));
  }

  async getMany(ids: readonly string[]): Promise<Activity[]> {
    if (ids.length === 0) return [];
    const raw = await this.store.mget(ids.map((id) => this.keys.activity(id)));
    return raw.map(parseActivity).filter((a): a is Activity => a !== undefined);
  }

  /** Activities starting in `[from, to]` (ms), by start time. */
  async startingBetween(from: number, to: number): Promise<Activity[]> {
    return this.getMany(await this.store.zrangeByScore(this.keys.activitiesByStart, from, to));
  }

  /** Reads an activity inside a unit of work (its changes are checked at commit). */
  async read(uow: UnitOfWork, id: string): Promise<Activity | undefined> {
    const key = this.keys.activity(id);
    return parseActivity((await uow.read({ values: [key] })).values.get(key));
  }

  /** Creates a draft: `A<n>` from an atomic counter. */
  async create(uow: UnitOfWork, draft: ActivityDraft, now: Date): Promise<Activity> {
    const n = await this.store.hincrby(this.keys.activitySeq, 'n', 1);
    const at = now.toISOString();
    const activity: Activity = {
      v: 1,
      ...draft,
      id: `A${n}`,
      state: 'draft',
      reminded: [],
      createdAt: at,
      updatedAt: at,
      rev: 1,
    };
    this.save(uow, activity);
    return activity;
  }

  save(uow: UnitOfWork, a: Activity): void {
    this.saves++;
    const writes: WriteOp[] = [
      { op: 'set', key: this.keys.activity(a.id), value: JSON.stringify(a) },
      { op: 'zadd', key: this.keys.activitiesByStart, score: Date.parse(a.startsAt), member: a.id },
    ];
    uow.write(...writes);
  }

  /** The activity's seat list (join, leave, offers: atomic store steps). */
  seats(): SeatLists {
    return this.store.seats;
  }

  listOf(id: string): string {
    return this.keys.activitySeats(id);
  }

  async standing(id: string, openId: string): Promise<SeatStanding> {
    return this.store.seats.standing(this.listOf(id), openId);
  }

  async attendance(id: string): Promise<Record<string, string>> {
    return this.store.hgetall(this.keys.attendance(id));
  }

  /** Marks attendance (`attended`, `excused:<reason>`), in the unit of work. */
  mark(uow: UnitOfWork, id: string, openId: string, status: string): void {
    uow.write({ op: 'hset', key: this.keys.attendance(id), field: openId, value: status });
  }

  /**
   * The activity and the student's profile in one round trip (the register path: a
   * stampede of clicks should cost the store as little as possible).
   */
  async withProfile(
    id: string,
    openId: string,
  ): Promise<{ activity: Activity | undefined; profile: StudentProfile | undefined }> {
    const [a, p] = await this.store.mget([this.keys.activity(id), this.keys.studentProfile(openId)]);
    const parsed = p ? StudentProfileSchema.safeParse(JSON.parse(p)) : undefined;
    return { activity: parseActivity(a), profile: parsed?.success ? parsed.data : undefined };
  }

  /**
   * Claims the turn to update the published card: true at most once per `ttlMs` per
   * activity, so a stampede patches the card a few times, not once per click.
   */
  async cardTurn(id: string, now: Date, ttlMs = 5_000): Promise<boolean> {
    // A turn this process saw taken is not asked for again until it may be free: a
    // stampede's clicks then cost the store nothing here. Only ever fewer updates, never more.
    const at = now.getTime();
    if (at < (this.turnTakenUntil.get(id) ?? 0)) return false;
    const mine = await this.store.setIfAbsent(this.keys.activityCardAt(id), now.toISOString(), ttlMs);
    // Ours: taken for the whole ttl. Someone else's: of unknown age, so asked again soon.
    this.turnTakenUntil.set(id, at + (mine ? ttlMs : Math.min(ttlMs, TAKEN_TURN_RECHECK_MS)));
    if (this.turnTakenUntil.size > 1_000) this.turnTakenUntil.clear();
    return mine;
  }

  /** Notes, in the unit of work, that the published card is behind (a job catches it up). */
  markCardDirty(uow: UnitOfWork, id: string, now: Date): void {
    uow.write({ op: 'set', key: this.keys.activityCardDirty(id), value: now.toISOString() });
  }

  /** Whether the published card is behind, read in the unit of work (cleared with {@link cardCaughtUp}). */
  async cardDirty(uow: UnitOfWork, id: string): Promise<boolean> {
    const key = this.keys.activityCardDirty(id);
    return (await uow.read({ values: [key] })).values.get(key) != null;
  }

  cardCaughtUp(uow: UnitOfWork, id: string): void {
    uow.write({ op: 'del', key: this.keys.activityCardDirty(id) });
  }

  /** The offers each person was sent a card for: open_id → the offer's end (ms). */
  async offersTold(id: string): Promise<Record<string, number>> {
    const raw = await this.store.hgetall(this.keys.activityOffersTold(id));
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
  }

  /** Records, with the offer card in the same unit of work, that the person was told of the offer. */
  markOfferTold(uow: UnitOfWork, id: string, openId: string, until: number): void {
    uow.write({ op: 'hset', key: this.keys.activityOffersTold(id), field: openId, value: String(until) });
  }

  async profile(openId: string): Promise<StudentProfile | undefined> {
    const raw = await this.store.get(this.keys.studentProfile(openId));
    const parsed = raw ? StudentProfileSchema.safeParse(JSON.parse(raw)) : undefined;
    return parsed?.success ? parsed.data : undefined;
  }

  saveProfile(uow: UnitOfWork, openId: string, profile: StudentProfile): void {
    uow.write({ op: 'set', key: this.keys.studentProfile(openId), value: JSON.stringify(profile) });
  }
}
