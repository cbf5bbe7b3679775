import type { Org } from '../../config/org.ts';
import {
  categoryOf,
  type HandlingUnit,
  handlingUnit,
  RATING_COMMENT_MAX,
  TICKET_TEXT_MAX,
  type Ticket,
  type TicketEntry,
} from '../../domain/tickets.ts';
import type { Translate } from '../../i18n/index.ts';
import { localDateTime } from '../../lib/dates.ts';
import {
  button,
  buttonRow,
  type Card,
  type CardElement,
  card,
  divider,
  form,
  input,
  markdown,
  select,
  submitButton,
} from '../card.ts';
import { atMarkdown, escapeMarkdown } from '../escape.ts';

/** Button values of the grievance cards (validated again when they come back). */
export const ticketValues = {
  file: () => ({ a: 'ticket.file', v: 1 }) as const,
  /** A category picked for a text typed after /诉求 (or "file mine anyway" after a similar one). */
  fileText: (c: string, text: string, anonymous: boolean, force = false) =>
    ({ a: 'ticket.file', v: 1, c, t: text, an: anonymous ? 1 : 0, ...(force ? { f: 1 } : {}) }) as const,
  claim: (id: string) => ({ a: 'ticket.claim', id, v: 1 }) as const,
  act: (id: string, d: 'reply' | 'ask' | 'resolve') => ({ a: 'ticket.act', id, d, v: 1 }) as const,
  transfer: (id: string) => ({ a: 'ticket.transfer', id, v: 1 }) as const,
  unseal: (id: string) => ({ a: 'ticket.unseal', id, v: 1 }) as const,
  rate: (id: string) => ({ a: 'ticket.rate', id, v: 1 }) as const,
  cosign: (id: string) => ({ a: 'ticket.cosign', id, v: 1 }) as const,
  open: (id: string) => ({ a: 'ticket.open', id, v: 1 }) as const,
};

/** Tracks of the cards that update in place: every triage copy, and the reporter's card. */
export function triageTrack(id: string): string {
  return `ticket:${id}:triage`;
}
/** An anonymous reporter's card is tracked sealed (see store/sent-cards.ts). */
export function reporterTrack(t: Ticket): string {
  return t.anonymous ? `sealed:ticket:${t.id}:reporter` : `ticket:${t.id}:reporter`;
}

const option = (label: string, value: string) => ({ label, value });

export function categoryName(org: Org, id: string): string {
  return categoryOf(org, id)?.name ?? id;
}

/** A ticket's handling unit, named in the org's words (undefined when it left the org file). */
export function handlingUnitOf(org: Org, id: string, t: Translate): HandlingUnit | undefined {
  return handlingUnit(org, id, {
    league: t('role.leagueCommittee'),
    presidium: t('role.presidium'),
    collegeUnion: (college) => t('ticket.unit.collegeUnion', { college }),
  });
}

/** A handling unit's name (its id when it no longer exists). */
export function unitName(org: Org, id: string, t: Translate): string {
  return handlingUnitOf(org, id, t)?.name ?? id;
}

/** `/诉求` with nothing else: the form (category, text, anonymous, contact, co-signing). */
export function feedbackFormCard(org: Org, t: Translate): Card {
  return card(
    t('ticket.form.title'),
    [
      markdown(escapeMarkdown(t('ticket.form.intro'))),
      form('feedback', [
        select(
          'category',
          t('ticket.form.category'),
          org.grievances.categories.map((c) => option(c.name, c.id)),
          { required: true },
        ),
        // Asked only when a category goes to the student's college union.
        ...(org.grievances.categories.some((c) => c.unit === 'college')
          ? [
              select(
                'college',
                t('ticket.form.college'),
                org.colleges.map((c) => option(c.name, c.id)),
              ),
            ]
          : []),
        input('text', t('ticket.form.text', { max: TICKET_TEXT_MAX }), {
          required: true,
          maxLength: TICKET_TEXT_MAX,
          multiline: { rows: 4 },
        }),
        select(
          'anonymous',
          t('ticket.form.anonymous'),
          [option(t('ticket.form.anonymousNo'), 'no'), option(t('ticket.form.anonymousYes'), 'yes')],
          { initialOption: 'no' },
        ),
        select(
          'contact',
          t('ticket.form.contact'),
          [option(t('ticket.form.contactNo'), 'no'), option(t('ticket.form.contactYes'), 'yes')],
          { initialOption: 'no' },
        ),
        select(
          'cosignable',
          t('ticket.form.cosignable'),
          [option(t('ticket.form.cosignableYes'), 'yes'), option(t('ticket.form.cosignableNo'), 'no')],
          { initialOption: 'yes' },
        ),
        submitButton('submit', t('ticket.form.submit'), ticketValues.file(), 'primary'),
      ]),
    ],
    'blue',
  );
}

/** `/诉求 <text>` without a category: one button per category. */
export function categoryCard(org: Org, text: string, anonymous: boolean, t: Translate): Card {
  return card(
    t('ticket.category.title'),
    [
      markdown(escapeMarkdown(t('ticket.category.intro', { text }))),
      buttonRow(
        org.grievances.categories.map((c) => button(c.name, ticketValues.fileText(c.id, text, anonymous))),
      ),
    ],
    'blue',
  );
}

/** Offered before filing when an open ticket of the category reads alike. */
export function similarCard(
  org: Org,
  similar: readonly Ticket[],
  draft: { category: string; text: string; anonymous: boolean },
  t: Translate,
): Card {
  const elements: CardElement[] = [
    markdown(escapeMarkdown(t('ticket.similar.intro', { category: categoryName(org, draft.category) }))),
  ];
  for (const s of similar) {
    const excerpt = [...s.text].length > 60 ? `${[...s.text].slice(0, 60).join('')}…` : s.text;
    elements.push(
      markdown(
        escapeMarkdown(t('ticket.similar.item', { id: s.id, excerpt, cosigners: s.cosigners.length })),
      ),
      button(t('ticket.similar.cosign', { id: s.id }), ticketValues.cosign(s.id), 'primary'),
    );
  }
  elements.push(
    divider(),
    button(
      t('ticket.similar.file'),
      ticketValues.fileText(draft.category, draft.text, draft.anonymous, true),
    ),
  );
  return card(t('ticket.similar.title'), elements, 'orange');
}

/** A trail entry as a line; the reporter is "the reporter", never a name or id. */
export function ticketLine(e: TicketEntry, org: Org, t: Translate): string {
  const when = localDateTime(e.at, org.timezone).slice(5);
  const who =
    e.by === 'reporter'
      ? t('ticket.who.reporter')
      : e.by === 'system'
        ? t('ticket.who.system')
        : (e.name ?? t('ticket.who.officer'));
  return t(`ticket.line.${e.action}`, { when, who, note: e.note ?? '' });
}

export interface TriageModel {
  ticket: Ticket;
  unitName: string;
  /** `匿名同学#3` or the reporter's name (and college). */
  reporter: string;
  /** A named reporter nobody could name: Feishu shows them by this open_id (a mention). */
  reporterOpenId?: string;
  /** Where it may be transferred: unit id and name. */
  targets: readonly { id: string; name: string }[];
}

/** The card officers work a ticket from: facts, text, record, and the actions its state allows. */
export function triageCard(m: TriageModel, org: Org, t: Translate): Card {
  const { ticket: tk } = m;
  const state = t(`ticket.state.${tk.state}`);
  const facts =
    t('ticket.triage.facts', {
      reporter: m.reporterOpenId ? '\u0000' : m.reporter,
      unit: m.unitName,
      at: localDateTime(tk.createdAt, org.timezone),
      cosigners: tk.cosigners.length,
    }) +
    (tk.claimer ? t('ticket.triage.claimer', { name: tk.claimer.name ?? t('ticket.who.officer') }) : '') +
    (!tk.anonymous && tk.contact ? t('ticket.triage.contact') : '');
  const elements: CardElement[] = [
    markdown(escapeMarkdown(facts).replace('\u0000', m.reporterOpenId ? atMarkdown(m.reporterOpenId) : '')),
    markdown(escapeMarkdown(t('ticket.triage.text', { text: tk.text }))),
    divider(),
    markdown(
      [
        `**${escapeMarkdown(t('ticket.triage.trail'))}**`,
        ...tk.trail.map((e) => escapeMarkdown(ticketLine(e, org, t))),
      ].join('\n'),
    ),
  ];
  const live = tk.state === 'open' || tk.state === 'claimed' || tk.state === 'waiting';
  if (live) {
    elements.push(divider());
    if (tk.state === 'open')
      elements.push(button(t('ticket.triage.claim'), ticketValues.claim(tk.id), 'primary'));
    elements.push(
      form(`act-${tk.id}`, [
        input('message', t('ticket.triage.message'), { maxLength: TICKET_TEXT_MAX, multiline: { rows: 2 } }),
        submitButton('reply', t('ticket.triage.reply'), ticketValues.act(tk.id, 'reply'), 'primary'),
        submitButton('ask', t('ticket.triage.ask'), ticketValues.act(tk.id, 'ask')),
        submitButton('resolve', t('ticket.triage.resolve'), ticketValues.act(tk.id, 'resolve')),
      ]),
      form(`transfer-${tk.id}`, [
        select(
          'unit',
          t('ticket.triage.transferTo'),
          m.targets.map((u) => option(u.name, u.id)),
          { required: true },
        ),
        submitButton('transfer', t('ticket.triage.transfer'), ticketValues.transfer(tk.id)),
      ]),
    );
  } else if (tk.state === 'closed') {
    elements.push(markdown(escapeMarkdown(t('ticket.triage.done'))));
  }
  if (tk.anonymous) {
    elements.push(
      form(`unseal-${tk.id}`, [
        input('reason', t('ticket.triage.unsealReason'), { required: true, maxLength: 300 }),
        submitButton('unseal', t('ticket.triage.unseal'), ticketValues.unseal(tk.id), 'danger'),
      ]),
    );
  }
  const color = tk.state === 'open' ? 'orange' : tk.state === 'closed' ? 'grey' : 'blue';
  return card(
    t('ticket.triage.title', { id: tk.id, category: categoryName(org, tk.category), state }),
    elements,
    color,
  );
}

/** The reporter's one card: where the ticket is, what was said, and the rating once resolved. */
export function reporterCard(tk: Ticket, unitName: string, org: Org, t: Translate): Card {
  const state = t(`ticket.state.${tk.state}`);
  const elements: CardElement[] = [
    markdown(
      escapeMarkdown(
        t('ticket.student.filed', {
          category: categoryName(org, tk.category),
          at: localDateTime(tk.createdAt, org.timezone),
          unit: unitName,
          anonymous: tk.anonymous ? t('ticket.student.anonymous') : '',
        }),
      ),
    ),
    markdown(escapeMarkdown(t('ticket.student.text', { text: tk.text }))),
    divider(),
    markdown(
      [
        `**${escapeMarkdown(t('ticket.student.history'))}**`,
        // What the reporter sees: no officer's transfer notes or escalations by name.
        ...tk.trail
          .filter((e) => e.action !== 'unsealed' && e.action !== 'warned' && e.action !== 'escalated')
          .map((e) => escapeMarkdown(ticketLine(e, org, t))),
      ].join('\n'),
    ),
  ];
  if (tk.state === 'resolved' && !tk.rating) {
    elements.push(
      divider(),
      markdown(escapeMarkdown(t('ticket.student.rate'))),
      form(`rate-${tk.id}`, [
        select(
          'score',
          t('ticket.student.score'),
          ['5', '4', '3', '2', '1'].map((s) => option(s, s)),
          { required: true },
        ),
        input('comment', t('ticket.student.comment', { max: RATING_COMMENT_MAX }), {
          maxLength: RATING_COMMENT_MAX,
        }),
        submitButton('rate', t('ticket.student.rateButton'), ticketValues.rate(tk.id), 'primary'),
      ]),
    );
  } else if (tk.rating) {
    elements.push(
      markdown(
        escapeMarkdown(
          t('ticket.student.rated', {
            score: tk.rating.score,
            comment: tk.rating.comment ? `：${tk.rating.comment}` : '',
          }),
        ),
      ),
    );
  }
  if (tk.state !== 'closed')
    elements.push(markdown(escapeMarkdown(t('ticket.student.replyHint', { id: tk.id }))));
  const color = tk.state === 'resolved' ? 'green' : tk.state === 'closed' ? 'grey' : 'blue';
  return card(t('ticket.student.title', { id: tk.id, state }), elements, color);
}

/** `/工单`: the open queue, oldest first, each with a button that brings its triage card. */
export function queueCard(items: readonly { id: string; line: string }[], t: Translate): Card {
  if (items.length === 0)
    return card(t('tickets.title', { n: 0 }), [markdown(escapeMarkdown(t('tickets.empty')))], 'grey');
  const elements: CardElement[] = [];
  for (const item of items) {
    elements.push(
      markdown(escapeMarkdown(item.line)),
      button(t('tickets.open', { id: item.id }), ticketValues.open(item.id)),
    );
  }
  return card(t('tickets.title', { n: items.length }), elements, 'orange');
}
