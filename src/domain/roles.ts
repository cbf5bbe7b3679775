import type { Org, PersonRef } from '../config/org.ts';

/** SPEC §3. A person can hold several; everyone is a `student`. */
export const ROLES = [
  'student',
  'member',
  'head',
  'presidium',
  'collegeLeader',
  'leagueBranch',
  'partyCommittee',
  'leagueCommittee',
  'admin',
  'unitLeader',
] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking, with what roles and over which departments and colleges. */
export interface Actor {
  openId: string;
  userId?: string;
  unionId?: string;
  name?: string;
  roles: ReadonlySet<Role>;
  /** Departments the person belongs to (heads included). */
  departments: readonly string[];
  /** Departments the person heads. */
  heads: readonly string[];
  /** Colleges per college-scoped role: whose applicants they may decide on, whose unit they lead. */
  colleges: Readonly<Record<'collegeLeader' | 'leagueBranch' | 'partyCommittee', readonly string[]>>;
  /** Units (see units.ts) whose study meetings this person records: `school` for the presidium. */
  units: readonly string[];
}

/** One role a person holds, with its scope (a department or college id). */
export interface RoleGrant {
  role: Role;
  scope?: string;
}

/** Every role the org file grants, keyed by the person's key (`PersonRef.raw`). */
export function grantsFromOrg(org: Org): Map<string, { ref: PersonRef; grants: RoleGrant[] }> {
  const out = new Map<string, { ref: PersonRef; grants: RoleGrant[] }>();
  /** Records the people (to resolve them) and, when given, the role they hold. */
  const grant = (refs: readonly PersonRef[], role: Role | undefined, scope?: string) => {
    for (const ref of refs) {
      const key = personKey(ref);
      const entry = out.get(key) ?? { ref, grants: [] };
      if (role) entry.grants.push(scope === undefined ? { role } : { role, scope });
      if (!entry.ref.name && ref.name) entry.ref = ref;
      out.set(key, entry);
    }
  };
  grant(org.presidium, 'presidium');
  grant(org.leagueCommittee, 'leagueCommittee');
  grant(org.admins, 'admin');
  // Membership (`member`) comes from the seats in the store, where the org file's members
  // are seeded once; only headship is read from the file.
  for (const d of org.departments) {
    grant(d.heads, 'head', d.id);
    grant(d.members, undefined);
  }
  for (const c of org.colleges) {
    grant(c.leaders, 'collegeLeader', c.id);
    grant(c.leagueBranch, 'leagueBranch', c.id);
    grant(c.partyCommittee, 'partyCommittee', c.id);
  }
  for (const u of org.units) grant(u.leaders, 'unitLeader', u.id);
  return out;
}

/** The same person written twice (`张三 <a@b.cn>` and `a@b.cn`) has one key. */
export function personKey(ref: PersonRef): string {
  return `${ref.kind}:${ref.value}`;
}

/** Folds grants into an actor. Presidium members count as union members too. */
export function actorFrom(
  ids: { openId: string; userId?: string; unionId?: string; name?: string },
  grants: readonly RoleGrant[],
): Actor {
  const roles = new Set<Role>(['student']);
  const departments = new Set<string>();
  const heads = new Set<string>();
  const units = new Set<string>();
  const colleges = {
    collegeLeader: new Set<string>(),
    leagueBranch: new Set<string>(),
    partyCommittee: new Set<string>(),
  };
  for (const g of grants) {
    roles.add(g.role);
    if (g.role === 'member' && g.scope) departments.add(g.scope);
    if (g.role === 'head' && g.scope) {
      heads.add(g.scope);
      departments.add(g.scope);
      roles.add('member');
    }
    if ((g.role === 'collegeLeader' || g.role === 'leagueBranch' || g.role === 'partyCommittee') && g.scope) {
      colleges[g.role].add(g.scope);
    }
    if (g.role === 'presidium') units.add('school');
    if ((g.role === 'collegeLeader' || g.role === 'unitLeader') && g.scope) units.add(g.scope);
  }
  return {
    ...ids,
    roles,
    departments: [...departments].sort(),
    heads: [...heads].sort(),
    colleges: {
      collegeLeader: [...colleges.collegeLeader].sort(),
      leagueBranch: [...colleges.leagueBranch].sort(),
      partyCommittee: [...colleges.partyCommittee].sort(),
    },
    units: [...units].sort((a, b) => (a === 'school' ? -1 : b === 'school' ? 1 : a.localeCompare(b))),
  };
}

/** True when the actor holds any of the roles. */
export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((r) => actor.roles.has(r));
}

/** The actor with their appointed memberships (from the store) added. */
export function withMemberships(actor: Actor, departments: readonly string[]): Actor {
  if (departments.length === 0) return actor;
  const roles = new Set(actor.roles);
  roles.add('member');
  return { ...actor, roles, departments: [...new Set([...actor.departments, ...departments])].sort() };
}

/** The roles of the union's teachers and advisors (院系团组织、院系党组织、校团委): staff, not students. */
const STAFF_ROLES: readonly Role[] = ['leagueBranch', 'partyCommittee', 'leagueCommittee'];

/** Whether the person is staff (a teacher or advisor): addressed as 老师, and not offered a student's commands. */
export function isStaff(actor: Actor): boolean {
  return STAFF_ROLES.some((r) => actor.roles.has(r));
}

/** The roles to show a person, in order: staff are not shown as students. */
export function shownRoles(actor: Actor): Role[] {
  return ROLES.filter((r) => actor.roles.has(r) && !(r === 'student' && isStaff(actor)));
}
