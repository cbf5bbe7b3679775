import type { Org, PersonRef } from '../config/org.ts';
import type { KeySpace } from '../store/keys.ts';
import { seatCounts } from '../store/repos/recruitment.ts';
import type { Store } from '../store/store.ts';
import { personKey } from './roles.ts';

/** One department's seats and the people holding them (heads included). */
export interface RosterDepartment {
  id: string;
  name: string;
  /** Seats: the department's own `cap`, else `limits.department`. */
  cap: number;
  /** People keys ({@link personKey}), each once. */
  members: string[];
}

/** Who holds a seat in the union, as people keys (each person once per unit). */
export interface Roster {
  presidium: string[];
  departments: RosterDepartment[];
}

/** The membership the org file describes (what `seedSeats` gives seats to at first start). */
export function rosterOf(org: Org): Roster {
  return {
    presidium: distinctKeys(org.presidium),
    departments: org.departments.map((d) => ({
      id: d.id,
      name: d.name,
      cap: d.cap ?? org.limits.department,
      members: distinctKeys([...d.heads, ...d.members]),
    })),
  };
}

/** Everyone in the union once, presidium and departments together (SPEC §2: the 60 include the presidium). */
export function unionMembers(roster: Roster): string[] {
  return [...new Set([...roster.presidium, ...roster.departments.flatMap((d) => d.members)])];
}

function distinctKeys(refs: readonly PersonRef[]): string[] {
  return [...new Set(refs.map(personKey))];
}

/**
 * The live membership: the seat sets in the store (the org file's people, seeded once,
 * plus appointments, minus exits), as open_ids.
 */
export async function liveRoster(store: Store, keys: KeySpace, org: Org): Promise<Roster> {
  const { units } = await seatCounts(store, keys, org);
  return {
    presidium: units.presidium ?? [],
    departments: org.departments.map((d) => ({
      id: d.id,
      name: d.name,
      cap: d.cap ?? org.limits.department,
      members: units[d.id] ?? [],
    })),
  };
}
