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

/**
 * The union's membership. Today it is read from the org file; when appointments are
 * stored (recruitment), this is the one place that changes.
 */
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
