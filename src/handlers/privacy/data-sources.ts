import type { WorkContext } from '../../bot/context.ts';
import { categoryName, unitName } from '../../cards/grievances/ticket-cards.ts';
import type { Application } from '../../domain/recruitment.ts';
import type { Ticket } from '../../domain/tickets.ts';
import type { MessageKey } from '../../i18n/index.ts';

/**
 * One kind of record the bot keeps about a person, for `/我的数据`. `collect` returns
 * their records as plain JSON: only what is theirs, never another person's open_id
 * (an officer appears by name, an objector or co-signer not at all).
 */
export interface DataSource {
  /** The key of its part of the file (`applications`). */
  id: string;
  /** How the reply counts it (`申请 {n} 份`). */
  label: MessageKey;
  collect(ctx: WorkContext, openId: string): Promise<readonly unknown[]>;
}

/** Someone else's open_id is dropped from a trail entry; the person themself, `system` and `reporter` stay. */
function byOf(by: string, openId: string): { by?: string } {
  return by === openId || by === 'system' || by === 'reporter' ? { by } : {};
}

/** An application as its applicant may see it: no objector, no approver's open_id. */
export function applicationExport(app: Application, openId: string) {
  return {
    ...app,
    objections: app.objections.map(({ by: _by, byName: _n, byCollege: _c, resolvedBy: _r, ...o }) => o),
    trail: app.trail.map(({ by, name, ...e }) =>
      e.action === 'objected' ? e : { ...byOf(by, openId), ...(name ? { name } : {}), ...e },
    ),
  };
}

/** A ticket as its reporter may see it: the sealed blob, co-signers' ids and officers' ids dropped; names for categories and units. */
export function ticketExport(ctx: WorkContext, t: Ticket, openId: string) {
  const { sealed: _sealed, cosigners, claimer, trail, ...rest } = t;
  return {
    ...rest,
    categoryName: categoryName(ctx.org, t.category),
    unitName: unitName(ctx.org, t.unit, ctx.t),
    ...(claimer?.name ? { claimer: { name: claimer.name } } : {}),
    cosigners: cosigners.length,
    trail: trail.map(({ by, name, ...e }) => ({ ...byOf(by, openId), ...(name ? { name } : {}), ...e })),
    ...(t.closedAt
      ? {
          deletedAfter: new Date(
            Date.parse(t.closedAt) + ctx.org.grievances.retentionDays * 86_400_000,
          ).toISOString(),
        }
      : {}),
  };
}

const applications: DataSource = {
  id: 'applications',
  label: 'myData.count.applications',
  async collect(ctx, openId) {
    return (await ctx.repos.recruitment.ofPerson(openId)).map((a) => applicationExport(a, openId));
  },
};

/** Seats held (the presidium or a department), and whether each came by appointment. */
const memberships: DataSource = {
  id: 'memberships',
  label: 'myData.count.memberships',
  async collect(ctx, openId) {
    const [{ units }, appointed] = await Promise.all([
      ctx.repos.membership.counts(),
      ctx.repos.membership.of(openId),
    ]);
    return Object.entries(units)
      .filter(([, people]) => people.includes(openId))
      .map(([unit]) => ({
        unit,
        name:
          unit === 'presidium'
            ? ctx.t('role.presidium')
            : (ctx.org.departments.find((d) => d.id === unit)?.name ?? unit),
        appointed: appointed.departments.includes(unit),
      }));
  },
};

const exits: DataSource = {
  id: 'exits',
  label: 'myData.count.exits',
  async collect(ctx, openId) {
    return (await ctx.repos.membership.exits(0, ctx.now().getTime() + 1))
      .filter((e) => e.openId === openId)
      .map(({ by, openId: _id, ...e }) => ({ ...byOf(by, openId), ...e }));
  },
};

/** Their tickets, named and anonymous: the list is kept under a keyed hash of their open_id. */
const tickets: DataSource = {
  id: 'tickets',
  label: 'myData.count.tickets',
  async collect(ctx, openId) {
    return (await ctx.repos.tickets.ofReporter(ctx.sealer.pseudonym(openId)))
      .filter((t) => t.anonymous || t.reporter?.openId === openId)
      .map((t) => ticketExport(ctx, t, openId));
  },
};

/** Tickets they co-signed: which, and where they are; the text is the reporter's, not theirs. */
const cosigned: DataSource = {
  id: 'cosigned',
  label: 'myData.count.cosigned',
  async collect(ctx, openId) {
    return (await ctx.repos.tickets.createdBetween(0, ctx.now().getTime() + 1))
      .filter((t) => t.cosigners.includes(openId))
      .map((t) => ({
        id: t.id,
        category: t.category,
        categoryName: categoryName(ctx.org, t.category),
        state: t.state,
        createdAt: t.createdAt,
      }));
  },
};

/** Their activity registrations: where they stand (seated, waiting, offered) and their attendance. */
const registrations: DataSource = {
  id: 'registrations',
  label: 'myData.count.registrations',
  async collect(ctx, openId) {
    const { activities } = ctx.repos;
    const all = await activities.startingBetween(0, Number.MAX_SAFE_INTEGER);
    const rows = await Promise.all(
      all.map(async (a) => {
        const standing = await activities.standing(a.id, openId);
        if (standing.state === 'none') return [];
        const attendance = (await activities.attendance(a.id))[openId];
        return [
          {
            id: a.id,
            title: a.title,
            startsAt: a.startsAt,
            place: a.place,
            state: a.state,
            standing,
            ...(attendance ? { attendance } : {}),
          },
        ];
      }),
    );
    return rows.flat();
  },
};

/** The college and grade they gave to register for a restricted activity. */
const profile: DataSource = {
  id: 'profile',
  label: 'myData.count.profile',
  async collect(ctx, openId) {
    const p = await ctx.repos.activities.profile(openId);
    return p ? [{ college: p.college, grade: p.grade }] : [];
  },
};

/**
 * Everything `/我的数据` gathers, in the file's order. A feature that keeps records about
 * people adds its source with a line here.
 */
export const DATA_SOURCES: readonly DataSource[] = [
  applications,
  memberships,
  exits,
  tickets,
  cosigned,
  registrations,
  profile,
];
