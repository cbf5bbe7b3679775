import type { BotContext } from '../../bot/context.ts';
import type { Department } from '../../config/org.ts';
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
