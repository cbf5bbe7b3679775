import { expect } from 'vitest';
import { renderCardText } from '../../src/cards/render-text.ts';
import { parseOrg } from '../../src/config/org.ts';
import { activityJobs } from '../../src/schedules/activities/index.ts';
import { runJobOnce } from '../../src/schedules/job-context.ts';
import { TEST_ORG_YAML } from '../helpers/org.ts';
import { type SignedHarness, signedHarness } from '../helpers/signed-harness.ts';

/**
 * Activities on the real Redis through the HTTP receiver: every message and click is an
 * encrypted, signed request, as Feishu sends it (the grievances harness, for activities).
 */

export const NOW = '2026-11-20T02:00:00.000Z'; // 10:00 in Shanghai
export const ORGANISER = 'ou_head_office';
export const ANNOUNCEMENTS = 'oc_announcements';

export const ORG = parseOrg(`${TEST_ORG_YAML}chats:\n  announcements: ${ANNOUNCEMENTS}\n`);

export interface Harness extends SignedHarness {
  job(name: 'activity-lottery' | 'activity-offers'): Promise<number>;
}

let runs = 0;

export async function harness(): Promise<Harness> {
  const h = await signedHarness({
    org: ORG,
    now: NOW,
    name: 'activities',
    chatOf: (openId) => `oc_dm_${openId}`,
  });
  return Object.assign(h, {
    async job(name: 'activity-lottery' | 'activity-offers') {
      const job = activityJobs.find((j) => j.name === name);
      if (!job) throw new Error(`no job ${name}`);
      runs += 1;
      const queued = await runJobOnce(h.rt.bot.services, job, `test-${runs}`, h.clock.now());
      await h.settle();
      return queued;
    },
  });
}

export { cardsTo, cardText, recipient, textsTo } from '../helpers/signed-harness.ts';
export const cardDataText = (data: Record<string, unknown> | undefined) =>
  data ? renderCardText(data as never).text : '';

/** The form as an organiser fills it: an activity on 25 Nov 19:00–21:00, open now, closing at the start. */
export function activityForm(o: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '秋季读书分享会',
    description: '带一本书，讲五分钟',
    department: 'office',
    startDate: '2026-11-25 +0800',
    startTime: '19:00',
    endTime: '21:00',
    place: '图书馆报告厅',
    capacity: '50',
    admission: 'first-come',
    waitlist: 'yes',
    checkinBefore: '30',
    hours: '2',
    ...o,
  };
}

/** Creates (through the form) and publishes an activity; returns its id. */
export async function publishActivity(h: Harness, form: Record<string, unknown> = {}): Promise<string> {
  const created = await h.click(ORGANISER, { a: 'activity.create', v: 1 }, { form: activityForm(form) });
  expect(created.toast?.type).toBe('success');
  const id = /A\d+/.exec(created.toast?.content ?? '')?.[0] as string;
  expect(id).toBeDefined();
  const published = await h.click(ORGANISER, { a: 'activity.publish', id, d: 'publish', v: 1 });
  expect(published.toast?.type).toBe('success');
  return id;
}

export const registerValue = (id: string) => ({ a: 'activity.register', id, v: 1 });
