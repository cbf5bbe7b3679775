import { DateTime } from 'luxon';
import type { Org } from '../../config/org.ts';
import { type Application, deciderOf, type TrailEntry } from '../../domain/recruitment.ts';
import type { Translate } from '../../i18n/index.ts';

/**
 * An application's audit trail as lines of plain text (escape them for card markdown).
 * Anonymous objectors stay anonymous; who decided is named, with their role.
 */
export function trailLines(
  app: Application,
  org: Org,
  t: Translate,
  names: (openId: string) => string | undefined = () => undefined,
): string[] {
  return app.trail.map((e) => trailLine(e, org, t, names));
}

export function trailLine(
  e: TrailEntry,
  org: Org,
  t: Translate,
  names: (openId: string) => string | undefined,
): string {
  const when = DateTime.fromISO(e.at, { zone: org.timezone }).toFormat('MM-dd HH:mm');
  const who =
    e.by === 'system'
      ? t('trail.system')
      : e.by === 'anonymous'
        ? t('trail.anonymous')
        : e.by === 'someone'
          ? t('trail.someone')
          : (e.name ?? names(e.by) ?? e.by);
  const stageRole = org.recruitment.stages.find((s) => s.id === e.stage)?.approvers;
  const stage = stageRole ? t(`stage.${stageRole}`) : (e.stage ?? '');
  const department = org.departments.find((d) => d.id === e.department)?.name ?? e.department ?? '';
  const base = t(`trail.${e.action}`, { when, who, stage, reason: e.reason ?? '', department });
  // An approval's optional comment is part of the record too.
  const line =
    e.action === 'approved' && e.reason ? t('trail.comment', { line: base, reason: e.reason }) : base;
  return e.scores ? `${line}（${t('trail.scores', e.scores)}）` : line;
}

/** The name of the stage an application waits at, or its state when it is not in review. */
export function stageLabel(app: Application, org: Org, t: Translate): string {
  if (app.state !== 'review') return t(`appState.${app.state}`);
  return stageName(app, app.stage, org, t) || t('appState.review');
}

/** A stage of this application by name, with who decides it when that is its fallback. */
export function stageName(app: Application, index: number, org: Org, t: Translate): string {
  const stage = org.recruitment.stages[index];
  if (!stage) return '';
  const name = t(`stage.${stage.approvers}`);
  const decider = deciderOf(app, stage);
  return decider === stage.approvers
    ? name
    : t('stage.decidedBy', { stage: name, role: t(`role.${decider}`) });
}

/** The stages of this application that its fallbacks decide, named (empty: none). */
export function fallbackStages(app: Application, org: Org, t: Translate): string[] {
  return org.recruitment.stages.flatMap((s, i) =>
    deciderOf(app, s) === s.approvers ? [] : [stageName(app, i, org, t)],
  );
}
