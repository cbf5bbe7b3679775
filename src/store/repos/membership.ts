import { z } from 'zod';
import type { Org } from '../../config/org.ts';
import { departmentCap, seatCheck } from '../../domain/recruitment.ts';
import { type Actor, withMemberships } from '../../domain/roles.ts';
import type { Roster } from '../../domain/roster.ts';
import type { KeySpace } from '../keys.ts';
import type { Store, WriteOp } from '../store.ts';
import type { UnitOfWork } from '../unit-of-work.ts';

/** A person's appointed memberships (the `member` role comes from here, not the org file). */
export const MembershipSchema = z.object({ v: z.literal(1), departments: z.array(z.string()) });
export type Membership = z.infer<typeof MembershipSchema>;

export function parseMembership(raw: string | null | undefined): Membership {
  if (!raw) return { v: 1, departments: [] };
  const parsed = MembershipSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : { v: 1, departments: [] };
}

/** One line of the exit log (`exits`): resignations and removals, org-file members included. */
export const ExitRecordSchema = z.object({
  at: z.string(),
  openId: z.string(),
  department: z.string(),
  action: z.enum(['resigned', 'removed']),
  by: z.string(),
  reason: z.string().optional(),
});
export type ExitRecord = z.infer<typeof ExitRecordSchema>;

export type SeatOutcome =
  | { ok: true }
  | { ok: false; full: 'department' | 'union'; department: string; count: number; cap: number };

export type ReleaseOutcome = { ok: true; count: number; cap: number } | { ok: false; why: 'not-member' };

/** A seat the org file gives at first start: the unit (`presidium` or a department) and who. */
export interface FoundingSeat {
  unit: string;
  /** Identifies the org-file entry, so it is seeded once even if the person's open_id changes. */
  seedKey: string;
  openId: string;
}

/**
 * The union's membership: seat sets per department and for the presidium (`seats:<unit>`),
 * the union's headcount (`seats:union`), each person's appointed departments
 * (`member:<open_id>`), the exit log (`exits`) and which org-file seats were given
 * (`seats:seeded`). The seat sets are the roster; no concurrency can overfill a cap.
 */
export class MembershipRepo {
  constructor(
    private readonly store: Store,
    private readonly keys: KeySpace,
    private readonly org: Org,
  ) {}

  /** A person's appointed memberships. */
  async of(openId: string): Promise<Membership> {
    return parseMembership(await this.store.get(this.keys.member(openId)));
  }

  /** The actor with the departments they were appointed to (the engine's live-roles hook). */
  async withMemberships(actor: Actor): Promise<Actor> {
    return withMemberships(actor, (await this.of(actor.openId)).departments);
  }

  /** The departments (ids, org order) in which the person holds a seat. */
  async seatedDepartments(openId: string): Promise<string[]> {
    const { units } = await this.counts();
    return this.org.departments.filter((d) => units[d.id]?.includes(openId)).map((d) => d.id);
  }

  /** Whether the person holds any seat in the union. */
  async holdsSeat(openId: string): Promise<boolean> {
    return (await this.store.smembers(this.keys.seatsUnion)).includes(openId);
  }

  /** Who holds each department's and the presidium's seats, and the union's headcount. */
  async counts(): Promise<{ union: number; units: Record<string, string[]> }> {
    const units = ['presidium', ...this.org.departments.map((d) => d.id)];
    const [union, ...members] = await Promise.all([
      this.store.smembers(this.keys.seatsUnion),
      ...units.map((u) => this.store.smembers(this.keys.seats(u))),
    ]);
    return {
      union: union?.length ?? 0,
      units: Object.fromEntries(units.map((u, i) => [u, members[i] ?? []])),
    };
  }

  /** The live roster: the seat sets (the org file's people seeded once, plus appointments, minus exits). */
  async roster(): Promise<Roster> {
    const { units } = await this.counts();
    return {
      presidium: units.presidium ?? [],
      departments: this.org.departments.map((d) => ({
        id: d.id,
        name: d.name,
        cap: departmentCap(this.org, d.id),
        members: units[d.id] ?? [],
      })),
    };
  }

  /** The exit log between two instants (ms, `[start, end)`). */
  async exits(start: number, end: number): Promise<ExitRecord[]> {
    const raws = await this.store.zrangeByScore(this.keys.exits, start, end - 1);
    return raws.flatMap((raw) => {
      const parsed = ExitRecordSchema.safeParse(safeJson(raw));
      return parsed.success ? [parsed.data] : [];
    });
  }

  /**
   * Gives the org file's people their seats once: founding members, heads and the
   * presidium. After that the store is the roster: appointments add, exits remove, and
   * editing the org file does not bring back someone who left.
   */
  async seed(seats: readonly FoundingSeat[]): Promise<number> {
    const { keys } = this;
    const seeded = new Set(await this.store.smembers(keys.seatsSeeded));
    let count = 0;
    for (const { unit, seedKey, openId } of seats) {
      if (seeded.has(seedKey)) continue;
      const memberKey = keys.member(openId);
      await this.store.commit({
        watch: [memberKey],
        watchSets: [keys.seatsSeeded],
        plan: (s) => {
          if ((s.sets.get(keys.seatsSeeded) ?? []).includes(seedKey)) return { result: null };
          const membership = parseMembership(s.values.get(memberKey));
          const writes: WriteOp[] = [
            { op: 'sadd', key: keys.seats(unit), members: [openId] },
            { op: 'sadd', key: keys.seatsUnion, members: [openId] },
            { op: 'sadd', key: keys.seatsSeeded, members: [seedKey] },
          ];
          if (unit !== 'presidium' && !membership.departments.includes(unit)) {
            writes.push(membershipWrite(memberKey, [...membership.departments, unit]));
          }
          return { writes, result: null };
        },
      });
      count += 1;
    }
    return count;
  }

  /**
   * Takes a seat in the department (and the union) for the person, against the
   * department's cap and the union's total as they are when the unit commits.
   */
  async takeSeat(uow: UnitOfWork, openId: string, department: string): Promise<SeatOutcome> {
    const { keys } = this;
    const s = await uow.read({ sets: [keys.seats(department), keys.seatsUnion] });
    const check = seatCheck(
      {
        department: s.sets.get(keys.seats(department))?.length ?? 0,
        union: s.sets.get(keys.seatsUnion)?.length ?? 0,
      },
      { department: departmentCap(this.org, department), union: this.org.limits.union },
    );
    if (!check.ok) return { ...check, department };
    uow.write(
      { op: 'sadd', key: keys.seats(department), members: [openId] },
      { op: 'sadd', key: keys.seatsUnion, members: [openId] },
    );
    return { ok: true };
  }

  /**
   * Gives a department seat back (a withdrawal or an upheld objection during the notice).
   * The union seat goes too, unless the person holds another seat (the presidium, another
   * department).
   */
  async freeSeat(uow: UnitOfWork, openId: string, department: string): Promise<void> {
    const s = await this.readSeats(uow, openId);
    uow.write(...this.freeSeatWrites(openId, department, s.elsewhere(department)));
  }

  /** Makes an appointment: the person's membership gains the department (their seat was taken at the panel). */
  async appoint(uow: UnitOfWork, openId: string, department: string): Promise<void> {
    const memberKey = this.keys.member(openId);
    const s = await uow.read({ values: [memberKey] });
    const membership = parseMembership(s.values.get(memberKey));
    uow.write(membershipWrite(memberKey, [...membership.departments, department]));
  }

  /**
   * A member leaves a department (resigned or removed; source document 四4: 退出机制): the
   * seat in the department and (holding no other) in the union, the membership (the
   * `member` role), and a line in the exit log.
   */
  async release(uow: UnitOfWork, exit: ExitRecord): Promise<ReleaseOutcome> {
    const { keys } = this;
    const { openId, department } = exit;
    const s = await this.readSeats(uow, openId);
    const seated = s.seats(department);
    if (!seated.includes(openId)) return { ok: false, why: 'not-member' };
    const remaining = s.membership.departments.filter((d) => d !== department);
    uow.write(
      ...this.freeSeatWrites(openId, department, remaining.length > 0 || s.elsewhere(department)),
      remaining.length > 0
        ? membershipWrite(keys.member(openId), remaining)
        : { op: 'del', key: keys.member(openId) },
      { op: 'zadd', key: keys.exits, score: Date.parse(exit.at), member: JSON.stringify(exit) },
    );
    return { ok: true, count: seated.length - 1, cap: departmentCap(this.org, department) };
  }

  /** Every seat set and the person's membership, read (and checked at commit) in the unit. */
  private async readSeats(uow: UnitOfWork, openId: string) {
    const { keys, org } = this;
    const memberKey = keys.member(openId);
    const units = ['presidium', ...org.departments.map((d) => d.id)];
    const s = await uow.read({
      values: [memberKey],
      sets: [...units.map((u) => keys.seats(u)), keys.seatsUnion],
    });
    const seats = (unit: string) => s.sets.get(keys.seats(unit)) ?? [];
    return {
      membership: parseMembership(s.values.get(memberKey)),
      seats,
      /** Whether the person holds a seat in a unit other than `department`. */
      elsewhere: (department: string) => units.some((u) => u !== department && seats(u).includes(openId)),
    };
  }

  private freeSeatWrites(openId: string, department: string, keepsUnionSeat: boolean): WriteOp[] {
    return [
      { op: 'srem', key: this.keys.seats(department), members: [openId] },
      ...(keepsUnionSeat ? [] : [{ op: 'srem' as const, key: this.keys.seatsUnion, members: [openId] }]),
    ];
  }
}

function membershipWrite(key: string, departments: readonly string[]): WriteOp {
  const value: Membership = { v: 1, departments: [...new Set(departments)].sort() };
  return { op: 'set', key, value: JSON.stringify(value) };
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
