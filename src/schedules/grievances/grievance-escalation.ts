import { categoryName, handlingUnitOf } from '../../cards/grievances/ticket-cards.ts';
import type { PersonRef } from '../../config/org.ts';
import {
  dueNotices,
  type SlaClockStatus,
  type SlaNotice,
  type SlaStatus,
  slaStatus,
} from '../../domain/service-levels.ts';
import { closeUnrated, type HandlingUnit, recordNotice, type Ticket } from '../../domain/tickets.ts';
import { localDateTime } from '../../lib/dates.ts';
import { textContent } from '../../messages/content.ts';
import type { Job, JobContext } from '../job.ts';

/**
 * Every 10 minutes: grievance service levels (SPEC §6, issue 10 item 5). At 75 % of a
 * target the claimer is warned (nobody claimed: the handling unit); a missed first
 * response goes to the unit's heads and the presidium, a missed resolution to the League
 * committee. Each notice is recorded on the ticket in the run's unit of work, so it goes
 * out once whatever the runs and replicas. A ticket waiting on the student gets none.
 * Resolved tickets nobody rated close after `closeUnratedAfterDays`, silently (the
 * reporter may be anonymous). Messages and logs carry the ticket id, never its text or reporter.
 */
export const grievanceEscalation: Job = {
  name: 'grievance-escalation',
  cron: '*/10 * * * *',
  summary: 'job.grievance-escalation',
  period: 'slot',
  // A breach at night is still a breach (安全: 2 hours): not moved past holidays or quiet hours.
  reminder: false,
  catchUp: true,
  async run(ctx) {
    const now = ctx.now();
    const days = ctx.org.grievances.closeUnratedAfterDays;
    let closed = 0;
    let noticed = 0;
    for (const seen of await ctx.repos.tickets.active()) {
      if (seen.state === 'resolved') {
        if (!closeUnrated(seen, days, now).ok) continue;
        const outcome = await ctx.repos.tickets.step(ctx.uow, seen.id, (t) => closeUnrated(t, days, now));
        if (outcome.ok) closed += 1;
        continue;
      }
      if (dueNotices(slaStatus(seen, ctx.org, now)).length === 0) continue;
      // Decided again on the ticket as read in this unit: a notice another run recorded is not repeated.
      let status: SlaStatus | undefined;
      let given: SlaNotice[] = [];
      const outcome = await ctx.repos.tickets.step(ctx.uow, seen.id, (t) => {
        status = slaStatus(t, ctx.org, now);
        given = dueNotices(status);
        return { ok: true, ticket: given.reduce((next, n) => recordNotice(next, n, now), t) };
      });
      if (!outcome.ok || !status) continue;
      for (const notice of given) tell(ctx, outcome.ticket, status, notice);
      noticed += given.length;
    }
    if (closed + noticed > 0) ctx.log.info({ noticed, closed }, 'grievance-escalation: notices and closes');
  },
};

function tell(ctx: JobContext, t: Ticket, status: SlaStatus, notice: SlaNotice): void {
  const { org } = ctx;
  const unit = unitOf(ctx, t);
  const clock = notice.startsWith('first') ? status.first : status.resolve;
  const fields = {
    id: t.id,
    category: categoryName(org, t.category),
    unit: unit?.name ?? t.unit,
    used: usedText(ctx, clock),
    left: hoursText(ctx, Math.max(0, clock.targetHours - clock.usedHours), 'up'),
    claimer: t.claimer
      ? t.claimer.name
        ? ctx.t('sla.claimer', { name: t.claimer.name })
        : ctx.t('sla.claimerUnnamed')
      : ctx.t('sla.unclaimed'),
  };
  switch (notice) {
    case 'first:warn':
    case 'resolve:warn': {
      const due = clock.due
        ? ` ${ctx.t('sla.due', { due: localDateTime(clock.due.toISOString(), org.timezone) })}`
        : '';
      const text = ctx.t(notice === 'first:warn' ? 'sla.warn.first' : 'sla.warn.resolve', fields) + due;
      if (t.claimer) ctx.sendText({ type: 'open_id', id: t.claimer.openId }, text);
      else toUnit(ctx, unit, text);
      return;
    }
    case 'first:breach': {
      const people: PersonRef[] = [...(unit?.heads ?? []), ...org.presidium];
      ctx.sendToPeople(people, textContent(ctx.t('sla.breach.first', fields)));
      return;
    }
    case 'resolve:breach':
      ctx.sendToPeople(org.leagueCommittee, textContent(ctx.t('sla.breach.resolve', fields)), {
        ...(org.chats.leagueCommittee ? { chatId: org.chats.leagueCommittee } : {}),
      });
      return;
  }
}

/** The unit's chat, else each of its people (a unit gone from the org file: the presidium). */
function toUnit(ctx: JobContext, unit: HandlingUnit | undefined, text: string): void {
  const people = unit && unit.people.length > 0 ? unit.people : ctx.org.presidium;
  ctx.sendToPeople(people, textContent(text), unit?.chatId ? { chatId: unit.chatId } : {});
}

function unitOf(ctx: JobContext, t: Ticket): HandlingUnit | undefined {
  return handlingUnitOf(ctx.org, t.unit, ctx.t);
}

function usedText(ctx: JobContext, clock: SlaClockStatus): string {
  const key = ctx.org.grievances.hours === 'working' ? 'sla.usedWorking' : 'sla.used';
  return ctx.t(key, { used: hoursText(ctx, clock.usedHours), target: hoursText(ctx, clock.targetHours) });
}

/** Whole hours from 10 on, else to a tenth (`1.5 小时`); time used rounds down, time left up. */
function hoursText(ctx: JobContext, hours: number, round: 'down' | 'up' = 'down'): string {
  const unit = hours >= 10 ? 1 : 10;
  // A little slack so that 17.9999999 (sums of milliseconds) reads as 18.
  const n = round === 'down' ? Math.floor(hours * unit + 1e-6) / unit : Math.ceil(hours * unit - 1e-6) / unit;
  return ctx.t('sla.hours', { n });
}
