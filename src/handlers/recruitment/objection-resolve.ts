import { z } from 'zod';
import { defineAction } from '../../bot/command.ts';
import type { BotContext } from '../../bot/context.ts';
import type { CardActionResponse } from '../../bot/envelope.ts';
import { UserError } from '../../bot/errors.ts';
import { objectionCard } from '../../cards/recruitment/objection-card.ts';
import { type Application, type Objection, type TrailEntry, withEntry } from '../../domain/recruitment.ts';
import { hasRole } from '../../domain/roles.ts';
import {
  applicationWrites,
  freeSeatWrites,
  loadApplication,
  parseApplication,
  parseMembership,
} from '../../store/repos/recruitment.ts';
import type { WriteOp } from '../../store/store.ts';
import { departmentName, localTime, nameInDirectory } from './notice.ts';
import { OBJECTION_MAX, objectionCardModel, objectionTrack } from './object.ts';

type ResolveOutcome =
  | { ok: true; app: Application; status: 'upheld' | 'dismissed'; rejected: boolean }
  | { ok: false; why: 'missing' }
  | { ok: false; why: 'resolved'; app: Application };

/**
 * Uphold or dismiss an objection (the League committee, checked again here: a card can
 * be forwarded or forged). The first decision wins; a later click is told who decided
 * and when. Upholding rejects the application and frees its seat in the same commit as
 * the objection's resolution.
 */
export const objectionResolve = defineAction({
  name: 'objection.resolve',
  value: z.object({
    a: z.literal('objection.resolve'),
    id: z.string().regex(/^R-\d{4}-\d{4,}$/),
    n: z.number().int().min(1),
    d: z.enum(['uphold', 'dismiss']),
    v: z.literal(1),
  }),
  async run(ctx, value, input) {
    if (!hasRole(ctx.actor, 'leagueCommittee')) throw new UserError('objection.forbidden');
    const raw = input.formValue?.reason ?? input.inputValue;
    const reason = typeof raw === 'string' ? raw.trim() : '';
    if (!reason) throw new UserError('objection.reasonRequired');
    if ([...reason].length > OBJECTION_MAX)
      throw new UserError('objection.reasonLength', { max: OBJECTION_MAX });

    const current = await loadApplication(ctx.store, ctx.keys, value.id);
    const found = current?.objections.find((o) => o.n === value.n);
    if (!current || !found) throw new UserError('objection.notFound');
    // Always through the step (not a pre-check): a redelivered click replays its recorded outcome.

    const outcome = await resolve(
      ctx,
      current,
      value.n,
      value.d === 'uphold' ? 'upheld' : 'dismissed',
      reason,
    );
    if (!outcome.ok) {
      if (outcome.why === 'missing') throw new UserError('objection.notFound');
      const o = outcome.app.objections.find((x) => x.n === value.n);
      if (!o) throw new UserError('objection.notFound');
      return already(ctx, outcome.app, o);
    }
    const { app } = outcome;
    const objection = app.objections.find((o) => o.n === value.n);
    if (!objection) throw new UserError('objection.notFound');
    const card = objectionCard(objectionCardModel(ctx, app, objection), ctx.t);
    const department = departmentName(ctx, app.department);
    if (outcome.rejected) {
      ctx.sendText(
        { type: 'open_id', id: app.applicant.openId },
        ctx.t('objection.upheld.applicant', { id: app.id, department, reason }),
      );
    }
    if (objection.by !== 'anonymous') {
      ctx.sendText(
        { type: 'open_id', id: objection.by },
        ctx.t(`objection.${outcome.status}.objector`, { id: app.id, n: objection.n, reason }),
      );
    }
    // Every other copy of the card (each committee member's) shows the decision too.
    const copies = await ctx.store.smembers(ctx.keys.sent(objectionTrack(app.id, value.n)));
    for (const messageId of copies) if (messageId !== input.messageId) ctx.patchCard(messageId, card);
    return {
      toast: {
        type: 'success',
        content: ctx.t(
          outcome.status === 'dismissed'
            ? 'objection.dismissed.toast'
            : outcome.rejected
              ? 'objection.upheld.toast'
              : 'objection.upheldClosed.toast',
          { id: app.id, department },
        ),
      },
      card: { type: 'raw', data: { ...card } },
    };
  },
});

/** The objection was decided already: say by whom and when, and show the decided card. */
function already(ctx: BotContext, app: Application, o: Objection): CardActionResponse {
  const who = o.resolvedBy
    ? (app.trail.find((e) => e.by === o.resolvedBy && e.name)?.name ??
      nameInDirectory(ctx, o.resolvedBy) ??
      o.resolvedBy)
    : '';
  const card = objectionCard(objectionCardModel(ctx, app, o), ctx.t);
  return {
    toast: {
      type: 'warning',
      content: ctx.t('objection.already', {
        who,
        when: o.resolvedAt ? localTime(ctx, o.resolvedAt) : '',
        decision: ctx.t(o.status === 'upheld' ? 'objection.decision.upheld' : 'objection.decision.dismissed'),
      }),
    },
    card: { type: 'raw', data: { ...card } },
  };
}

/**
 * One commit: the objection's resolution and the trail entry; when upheld while the
 * application is in its notice, also the rejection, its indexes, and the freed seat.
 */
async function resolve(
  ctx: BotContext,
  current: Application,
  n: number,
  status: 'upheld' | 'dismissed',
  reason: string,
): Promise<ResolveOutcome> {
  const { keys } = ctx;
  const appKey = keys.application(current.id);
  const memberKey = keys.member(current.applicant.openId);
  const department = current.department;
  const at = ctx.now().toISOString();
  return ctx.transact<ResolveOutcome>({
    watch: [appKey, memberKey],
    watchSets: department ? [keys.seats(department), keys.seatsUnion, keys.seats('presidium')] : [],
    plan: (s) => {
      const app = parseApplication(s.values.get(appKey));
      const objection = app?.objections.find((o) => o.n === n);
      if (!app || !objection || app.department !== department)
        return { result: { ok: false, why: 'missing' } };
      if (objection.status !== 'open') return { result: { ok: false, why: 'resolved', app } };
      const entry: TrailEntry = {
        at,
        by: ctx.actor.openId,
        ...(ctx.actor.name ? { name: ctx.actor.name } : {}),
        role: 'leagueCommittee',
        action: status === 'upheld' ? 'objection-upheld' : 'objection-dismissed',
        reason,
      };
      const objections = app.objections.map((o) =>
        o.n === n ? { ...o, status, resolvedBy: ctx.actor.openId, resolvedAt: at, resolution: reason } : o,
      );
      const rejected = status === 'upheld' && app.state === 'notice';
      const next = withEntry(
        app,
        entry,
        rejected ? { objections, state: 'rejected', stageSince: at } : { objections },
      );
      const writes: WriteOp[] = applicationWrites(keys, next);
      if (rejected) {
        const membership = parseMembership(s.values.get(memberKey));
        writes.push(...freeSeatWrites(keys, app.applicant.openId, department, s, membership));
      }
      return { writes, result: { ok: true, app: next, status, rejected } };
    },
  });
}
