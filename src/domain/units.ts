import type { Org, PersonRef } from '../config/org.ts';

/**
 * A unit of the union that holds its own study meetings (source document 二(四)1:
 * 校院两级学生会每个月至少召开一次会议): the school union, every college's union, and
 * any campus- or class-level units the org file adds.
 */
export interface Unit {
  id: string;
  name: string;
  level: 'school' | 'campus' | 'college' | 'class';
  /** Who records its meetings and is reminded. */
  leaders: readonly PersonRef[];
  /** Who is told when it falls behind: the League committee for the school, a college's League branch. */
  advisors: readonly PersonRef[];
}

export const SCHOOL_UNIT = 'school';

/** Every unit, the school first, then colleges, then campus and class units, in file order. */
export function unitsOf(org: Org, schoolName: string): Unit[] {
  return [
    {
      id: SCHOOL_UNIT,
      name: schoolName,
      level: 'school',
      leaders: org.presidium,
      advisors: org.leagueCommittee,
    },
    ...org.colleges.map((c) => ({
      id: c.id,
      name: c.name,
      level: 'college' as const,
      leaders: c.leaders,
      advisors: c.leagueBranch,
    })),
    ...org.units.map((u) => ({
      id: u.id,
      name: u.name,
      level: u.level,
      leaders: u.leaders,
      advisors: u.advisors,
    })),
  ];
}
