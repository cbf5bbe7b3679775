import type { Department, Org } from '../config/org.ts';

/** A department's name from the org file (its id when unknown). */
export function departmentName(org: Org, id: string | undefined): string {
  return org.departments.find((d) => d.id === id)?.name ?? id ?? '';
}

/** A college's name from the org file (its id when unknown). */
export function collegeName(org: Org, id: string): string {
  return org.colleges.find((c) => c.id === id)?.name ?? id;
}

/** A department's heads as the org file names them (none for an unknown id). */
export function headsOf(org: Org, department: string | undefined): Department['heads'] {
  return org.departments.find((d) => d.id === department)?.heads ?? [];
}

/** A department named by its id or its name (any case), among `among`. */
export function findDepartment(among: readonly Department[], word: string): Department | undefined {
  const w = word.trim().toLowerCase();
  return among.find((d) => d.id.toLowerCase() === w) ?? among.find((d) => d.name.toLowerCase() === w);
}
