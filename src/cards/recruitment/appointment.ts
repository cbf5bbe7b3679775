import type { Org } from '../../config/org.ts';
import { departmentName } from '../../domain/org-names.ts';
import type { Application } from '../../domain/recruitment.ts';
import type { Translate } from '../../i18n/index.ts';

/**
 * Who is told of an appointment, and what: the applicant, and the department's heads
 * (given as open_ids) other than the applicant. Pure: the notice-close job and the
 * League committee's dismissal of the last objection both send these.
 */
export function appointmentNotices(
  app: Application,
  org: Org,
  headOpenIds: readonly string[],
  t: Translate,
): { openId: string; text: string }[] {
  const department = departmentName(org, app.department);
  return [
    { openId: app.applicant.openId, text: t('appoint.applicant', { id: app.id, department }) },
    ...headOpenIds
      .filter((openId) => openId !== app.applicant.openId)
      .map((openId) => ({
        openId,
        text: t('appoint.heads', { id: app.id, name: app.applicant.name, department }),
      })),
  ];
}
