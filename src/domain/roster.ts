import type { Org, PersonRef } from '../config/org.ts';
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
 * The seats the org file gives at first start, each with the key that marks it given
 * (`<unit>:<person>`): the presidium's, and each department's heads and members.
 */
export function foundingSeats(org: Org): { unit: string; seedKey: string; ref: PersonRef }[] {
  const units = [
    { unit: 'presidium', refs: org.presidium },
    ...org.departments.map((d) => ({ unit: d.id, refs: [...d.heads, ...d.members] })),
  ];
  return units.flatMap(({ unit, refs }) =>
    refs.map((ref) => ({ unit, seedKey: `${unit}:${personKey(ref)}`, ref })),
  );
}
