import type { Org } from '../../config/org.ts';
import { departmentName } from '../../domain/org-names.ts';
import type { Application, TrailEntry } from '../../domain/recruitment.ts';
import type { Translate } from '../../i18n/index.ts';
import {
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
import { escapeMarkdown } from '../escape.ts';
import { stageName as nameOfStage, stageLabel, trailLine, trailLines } from './trail.ts';

/** The value of a decision button; the stage is the index of the stage the card was drawn for. */
export function decideValue(id: string, stage: number, d: 'approve' | 'reject') {
  return { a: 'application.decide', id, stage, d, v: 1 } as const;
}

/** The track under which every copy of a stage's card is recorded (`sent:<track>`). */
export function approvalTrack(id: string, stage: number): string {
  return `app:${id}:${stage}`;
}

/**
 * The applicant's summary and the trail so far. Personal data (student number, phone) is
 * in it: the card only ever goes to that application's approvers.
 */
function summary(app: Application, org: Org, t: Translate): CardElement[] {
  const a = app.applicant;
  const e = escapeMarkdown;
  const college = org.colleges.find((c) => c.id === a.college)?.name ?? a.college;
  const lines = [
    t('review.card.applicant', { name: e(a.name), college: e(college), className: e(a.className) }),
    t('review.card.political', { political: e(a.political) }),
    t('review.card.contact', { studentNo: e(a.studentNo), phone: e(a.phone) }),
    t('review.card.choices', {
      first: e(departmentName(org, app.first)),
      second: app.second ? t('review.card.second', { second: e(departmentName(org, app.second)) }) : '',
      adjust: t(app.adjust ? 'review.card.adjust' : 'review.card.noAdjust'),
    }),
    t('review.card.reason', { reason: e(app.reason) }),
  ];
  return [
    markdown(lines.join('\n')),
    markdown([t('review.card.trail'), ...trailLines(app, org, t).map(e)].join('\n')),
  ];
}

/**
 * The card each approver of a stage gets: who applies, the trail, the stage, and two
 * forms. Approving is one form (at the panel it asks for both scores and, when the
 * applicant accepts adjustment and has a second choice, the department); rejecting is
 * the other, whose reason is required. Two forms, so the required reason does not block
 * approving. Form values come back under the names `comment`, `written`, `interview`,
 * `department` and `reason`.
 */
export function approvalCard(app: Application, org: Org, t: Translate): Card {
  const stages = org.recruitment.stages;
  const stageName = nameOfStage(app, app.stage, org, t);
  const panel = app.stage === stages.length - 1;
  const approveFields: CardElement[] = [];
  if (panel) {
    approveFields.push(
      input('written', t('review.card.written'), { required: true, maxLength: 5 }),
      input('interview', t('review.card.interview'), { required: true, maxLength: 5 }),
    );
    if (app.adjust && app.second) {
      approveFields.push(
        select(
          'department',
          t('review.card.department'),
          [
            {
              label: t('review.card.firstChoice', { department: departmentName(org, app.first) }),
              value: app.first,
            },
            {
              label: t('review.card.secondChoice', { department: departmentName(org, app.second) }),
              value: app.second,
            },
          ],
          { required: true, initialOption: app.first },
        ),
      );
    }
  }
  approveFields.push(
    input('comment', t('review.card.comment'), { maxLength: 200 }),
    submitButton(
      'approve',
      t(panel ? 'review.card.approvePanel' : 'review.card.approve'),
      decideValue(app.id, app.stage, 'approve'),
      'primary_filled',
    ),
  );
  const elements: CardElement[] = [
    ...summary(app, org, t),
    divider(),
    markdown(
      t('review.card.stage', { stage: escapeMarkdown(stageName), n: app.stage + 1, total: stages.length }),
    ),
  ];
  if (panel) elements.push(markdown(escapeMarkdown(t('review.card.panelHint'))));
  elements.push(
    form('approve_form', approveFields),
    form('reject_form', [
      input('reason', t('review.card.rejectReason'), { required: true, maxLength: 500 }),
      submitButton('reject', t('review.card.reject'), decideValue(app.id, app.stage, 'reject'), 'danger'),
    ]),
  );
  return card(t('review.card.title', { id: app.id }), elements, 'orange', stageName);
}

/**
 * The entry that settled stage `stage` of the application: the decision recorded for it,
 * else (withdrawn, or closed otherwise) the last thing a person did.
 */
export function stageDecision(app: Application, org: Org, stage: number): TrailEntry | undefined {
  const id = org.recruitment.stages[stage]?.id;
  const reversed = [...app.trail].reverse();
  return (
    reversed.find((e) => e.stage === id && (e.action === 'approved' || e.action === 'rejected')) ??
    reversed.find((e) => e.action !== 'submitted' && e.by !== 'system')
  );
}

/**
 * What every copy of a stage's card turns into once someone decided: who, when and the
 * outcome, where the application is now, and no controls.
 */
export function decidedCard(app: Application, org: Org, stage: number, t: Translate): Card {
  const stageName = nameOfStage(app, stage, org, t);
  const entry = stageDecision(app, org, stage);
  const outcome =
    entry?.action === 'approved'
      ? 'review.outcome.approved'
      : entry?.action === 'rejected'
        ? 'review.outcome.rejected'
        : 'review.outcome.closed';
  const result = entry ? trailLine(entry, org, t, () => undefined) : '';
  return card(
    t('review.card.decidedTitle', { id: app.id, outcome: t(outcome) }),
    [
      markdown(
        [
          t('review.card.result', { line: escapeMarkdown(result) }),
          ...(entry?.department
            ? [t('review.card.placed', { department: escapeMarkdown(departmentName(org, entry.department)) })]
            : []),
          t('review.card.now', { state: escapeMarkdown(stageLabel(app, org, t)) }),
        ].join('\n'),
      ),
      divider(),
      ...summary(app, org, t),
    ],
    outcome === 'review.outcome.approved' ? 'green' : outcome === 'review.outcome.rejected' ? 'red' : 'grey',
    stageName,
  );
}
