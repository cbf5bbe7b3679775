import type { BotContext } from '../../bot/context.ts';
import { type Department, parsePersonRef } from '../../config/org.ts';
import { headsOf } from '../../domain/org-names.ts';
import type { TrailEntry } from '../../domain/recruitment.ts';
import type { ReleaseOutcome } from '../../store/repos/membership.ts';

/** The departments (org order) in which the person holds a seat (the seat sets are the roster). */
export async function seatedDepartments(ctx: BotContext, openId: string): Promise<Department[]> {
  const ids = await ctx.repos.membership.seatedDepartments(openId);
  return ctx.org.departments.filter((d) => ids.includes(d.id));
}

/**
 * Display names for open_ids: the org file's people by name, appointed members by the
 * name on their latest application, else the open_id itself.
 */
export async function namesFor(ctx: BotContext, openIds: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const p of ctx.directory.people()) if (p.openId && p.name) names.set(p.openId, p.name);
  const unknown = openIds.filter((id) => !names.has(id));
  if (unknown.length > 0)
    for (const [id, name] of await ctx.repos.recruitment.applicantNames(unknown)) names.set(id, name);
  for (const id of openIds) if (!names.has(id)) names.set(id, id);
  return names;
}

export type MemberLookup =
  | { ok: true; openId: string; name: string }
  | { ok: false; why: 'not-found' }
  | { ok: false; why: 'ambiguous'; people: { name: string; departments: string[] }[] };

/**
 * A union member named the way a person would in a direct chat (where nobody can be @-ed):
 * by email, by student number (the one they applied with), or by name among the members.
 */
export async function findMember(ctx: BotContext, who: string): Promise<MemberLookup> {
  const text = who.trim();
  const roster = await ctx.repos.membership.roster();
  const seated = new Set(roster.departments.flatMap((d) => d.members));
  const ref = parsePersonRef(text);
  let openId: string | undefined;
  if (ref && ref.kind !== 'user_id')
    openId = ref.kind === 'open_id' ? ref.value : await ctx.directory.openIdOf(ref);
  else if (new RegExp(ctx.org.recruitment.studentNumber).test(text))
    openId = await ctx.repos.recruitment.studentNumberHolder(text);
  const names = await namesFor(ctx, [...seated]);
  if (openId) {
    return seated.has(openId)
      ? { ok: true, openId, name: names.get(openId) ?? openId }
      : { ok: false, why: 'not-found' };
  }
  const matches = [...seated].filter((id) => names.get(id) === text);
  const [only] = matches;
  if (only && matches.length === 1) return { ok: true, openId: only, name: text };
  if (matches.length === 0) return { ok: false, why: 'not-found' };
  return {
    ok: false,
    why: 'ambiguous',
    people: matches.map((id) => ({
      name: text,
      departments: roster.departments.filter((d) => d.members.includes(id)).map((d) => d.name),
    })),
  };
}

/** Tells a department's heads (except `except`, who is told separately). */
export function tellHeads(ctx: BotContext, department: string, text: string, except: string): void {
  const heads = headsOf(ctx.org, department);
  for (const id of ctx.directory.openIds(heads)) {
    if (id !== except) ctx.sendText({ type: 'open_id', id }, text);
  }
}

/**
 * A member leaves a department (resigned or removed; source document 四4: 退出机制), in
 * the update's unit of work: the seat, the membership and the exit log, and the trail
 * of the application that appointed them when there is one.
 */
export async function leave(
  ctx: BotContext,
  exit: { openId: string; department: string; action: 'resigned' | 'removed'; reason?: string },
): Promise<ReleaseOutcome> {
  const { actor } = ctx;
  const at = ctx.now().toISOString();
  const reason = exit.reason ? { reason: exit.reason } : {};
  const outcome = await ctx.repos.membership.release(ctx.uow, {
    at,
    openId: exit.openId,
    department: exit.department,
    action: exit.action,
    by: actor.openId,
    ...reason,
  });
  if (!outcome.ok) return outcome;
  const entry: TrailEntry = {
    at,
    by: actor.openId,
    ...(actor.name ? { name: actor.name } : {}),
    role: exit.action === 'resigned' ? 'member' : 'presidium',
    action: exit.action,
    department: exit.department,
    ...reason,
  };
  await ctx.repos.recruitment.recordExit(ctx.uow, exit.openId, exit.department, entry);
  return outcome;
}
