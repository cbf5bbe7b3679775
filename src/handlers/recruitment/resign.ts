import type { Command } from '../../bot/command.ts';
import type { BotContext } from '../../bot/context.ts';
import { UserError } from '../../bot/errors.ts';
import type { Department } from '../../config/org.ts';
import { type Application, departmentCap, type TrailEntry, withEntry } from '../../domain/recruitment.ts';
import { hasRole } from '../../domain/roles.ts';
import { joinList } from '../../i18n/index.ts';
import {
  freeSeatWrites,
  loadApplications,
  parseApplication,
  parseMembership,
} from '../../store/repos/recruitment.ts';
import type { WriteOp } from '../../store/store.ts';

/** One line of the exit log (`exits`): resignations and removals, org-file members included. */
export interface ExitRecord {
  at: string;
  openId: string;
  department: string;
  action: 'resigned' | 'removed';
  by: string;
  reason?: string;
}

export type ReleaseOutcome =
  | { ok: true; count: number; cap: number; application?: string }
  | { ok: false; why: 'not-member' };

/** The departments whose seat the person holds (the seat sets are the roster). */
export async function seatedDepartments(ctx: BotContext, openId: string): Promise<Department[]> {
  const sets = await Promise.all(ctx.org.departments.map((d) => ctx.store.smembers(ctx.keys.seats(d.id))));
  return ctx.org.departments.filter((_, i) => sets[i]?.includes(openId));
}

/** A department named by id or name among `among`. */
export function findDepartment(among: readonly Department[], word: string): Department | undefined {
  const w = word.trim().toLowerCase();
  return among.find((d) => d.id.toLowerCase() === w || d.name.toLowerCase() === w);
}

/**
 * A member leaves a department (resigned or removed; source document 四4: 退出机制), in
 * one commit: the seat in the department and (holding no other) in the union, the
 * membership (the `member` role), the exit log, and the trail of the application that
 * appointed them when there is one.
 */
export async function releaseSeat(
  ctx: BotContext,
  exit: { openId: string; department: string; action: 'resigned' | 'removed'; reason?: string },
): Promise<ReleaseOutcome> {
  const { keys, actor } = ctx;
  const { openId, department } = exit;
  const ids = await ctx.store.smembers(keys.applicationsOf(openId));
  const appointed = (await loadApplications(ctx.store, keys, ids))
    .filter((a) => a.state === 'appointed' && a.department === department)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  const appKey = appointed ? keys.application(appointed.id) : undefined;
  const memberKey = keys.member(openId);
  const seatsKey = keys.seats(department);
  const now = ctx.now();
  const at = now.toISOString();
  const cap = departmentCap(ctx.org, department);
  return ctx.transact<ReleaseOutcome>({
    watch: [memberKey, ...(appKey ? [appKey] : [])],
    // Every department's seats: whether the person keeps a union seat depends on all of them.
    watchSets: [
      ...ctx.org.departments.map((d) => keys.seats(d.id)),
      keys.seatsUnion,
      keys.seats('presidium'),
    ],
    plan: (s) => {
      const seated = s.sets.get(seatsKey) ?? [];
      if (!seated.includes(openId)) return { result: { ok: false, why: 'not-member' } };
      const membership = parseMembership(s.values.get(memberKey));
      const remaining = membership.departments.filter((d) => d !== department);
      const otherSeats = ctx.org.departments
        .filter((d) => d.id !== department && (s.sets.get(keys.seats(d.id)) ?? []).includes(openId))
        .map((d) => d.id);
      const record: ExitRecord = {
        at,
        openId,
        department,
        action: exit.action,
        by: actor.openId,
        ...(exit.reason ? { reason: exit.reason } : {}),
      };
      const writes: WriteOp[] = [
        ...freeSeatWrites(keys, openId, department, s, { v: 1, departments: [...remaining, ...otherSeats] }),
        remaining.length > 0
          ? { op: 'set', key: memberKey, value: JSON.stringify({ v: 1, departments: remaining }) }
          : { op: 'del', key: memberKey },
        { op: 'zadd', key: keys.exits, score: now.getTime(), member: JSON.stringify(record) },
      ];
      const app: Application | undefined = appKey ? parseApplication(s.values.get(appKey)) : undefined;
      if (appKey && app && app.state === 'appointed' && app.department === department) {
        const entry: TrailEntry = {
          at,
          by: actor.openId,
          ...(actor.name ? { name: actor.name } : {}),
          role: exit.action === 'resigned' ? 'member' : 'presidium',
          action: exit.action,
          department,
          ...(exit.reason ? { reason: exit.reason } : {}),
        };
        writes.push({ op: 'set', key: appKey, value: JSON.stringify(withEntry(app, entry)) });
      }
      return {
        writes,
        result: {
          ok: true,
          count: seated.length - 1,
          cap,
          ...(app && appKey ? { application: app.id } : {}),
        },
      };
    },
  });
}

/** Tells a department's heads (except `except`, who is told separately). */
export function tellHeads(ctx: BotContext, department: string, text: string, except: string): void {
  const heads = ctx.org.departments.find((d) => d.id === department)?.heads ?? [];
  for (const id of ctx.directory.openIds(heads)) {
    if (id !== except) ctx.sendText({ type: 'open_id', id }, text);
  }
}

/** `/resign [department]` (`/辞职`): a member leaves a department; the seat is freed. */
export const resign: Command = {
  name: 'resign',
  aliases: ['辞职'],
  section: 'recruitment',
  summary: 'cmd.resign.summary',
  usage: 'cmd.resign.usage',
  examples: 'cmd.resign.examples',
  allowed: (actor) => hasRole(actor, 'member'),
  async run(ctx, command) {
    const { actor } = ctx;
    const held = await seatedDepartments(ctx, actor.openId);
    const list = joinList(
      ctx.locale,
      held.map((d) => d.name),
    );
    if (held.length === 0) throw new UserError('resign.notMember');
    let department: Department | undefined;
    if (command.rest) {
      department = findDepartment(held, command.rest);
      if (!department)
        throw new UserError('resign.unknownDepartment', { department: command.rest, departments: list });
    } else if (held.length === 1) {
      department = held[0];
    } else {
      throw new UserError('resign.which', { departments: list });
    }
    if (!department) throw new UserError('resign.notMember');
    const outcome = await releaseSeat(ctx, {
      openId: actor.openId,
      department: department.id,
      action: 'resigned',
    });
    if (!outcome.ok) throw new UserError('resign.notMember');
    const name = actor.name ?? (await applicantName(ctx, actor.openId)) ?? actor.openId;
    tellHeads(
      ctx,
      department.id,
      ctx.t('resign.heads', { name, department: department.name, count: outcome.count, cap: outcome.cap }),
      actor.openId,
    );
    ctx.reply(ctx.t('resign.done', { department: department.name }));
  },
};

/** The name someone gave on their applications (for people not in the org file). */
export async function applicantName(ctx: BotContext, openId: string): Promise<string | undefined> {
  const ids = await ctx.store.smembers(ctx.keys.applicationsOf(openId));
  const apps = await loadApplications(ctx.store, ctx.keys, ids);
  return apps.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0]?.applicant.name;
}
