import { parseOrg } from '../../src/config/org.ts';
import type { Application } from '../../src/domain/recruitment.ts';
import { parseApplication } from '../../src/store/repos/recruitment.ts';
import { studentNoFor } from '../helpers/applications.ts';
import { makeCardAction, plainRequest } from '../helpers/fixtures.ts';
import { TEST_ORG_YAML } from '../helpers/org.ts';
import type { TestRuntime } from '../helpers/test-runtime.ts';

/** 2026-11-25 10:00 in Shanghai. */
export const NOW = '2026-11-25T02:00:00Z';

/** The test org plus 体育部 (2 seats, no window); 学术部 recruits through December, 办公室's window is over. */
export const APPLY_ORG_YAML = `${TEST_ORG_YAML.replace(
  '  - id: academic\n    name: 学术部\n',
  '  - id: academic\n    name: 学术部\n  - id: sports\n    name: 体育部\n    cap: 2\n',
)}
recruitment:
  windows:
    academic: { from: 2026-11-01, until: 2026-12-31 }
    office: { from: 2026-11-01, until: 2026-11-20 }
`;

export function applyOrg(extra = '') {
  if (!APPLY_ORG_YAML.includes('id: sports')) throw new Error('the test org changed: update APPLY_ORG_YAML');
  return parseOrg(APPLY_ORG_YAML + extra);
}

export const STUDENT = 'ou_student_1';

/** A form that passes every check, for 学术部. */
export function validForm(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '张三',
    studentNo: '20240001',
    college: 'cs',
    className: '计科2401',
    political: '共青团员',
    first: 'academic',
    adjust: 'no',
    reason: '想为同学们做些实事',
    phone: '13800138000',
    ...over,
  };
}

export type CardAnswer = {
  toast?: { type: string; content: string };
  card?: { type: string; data: Record<string, unknown> };
};

/** Clicks the application form's submit button; returns the callback's answer (not settled). */
export async function clickSubmit(
  rt: TestRuntime,
  openId: string,
  formValue: Record<string, unknown>,
): Promise<CardAnswer> {
  // Another student than the usual one gets a number of their own (a number is one person's).
  const form =
    formValue.studentNo === '20240001'
      ? { ...formValue, studentNo: studentNoFor(openId, '20240001', STUDENT) }
      : formValue;
  const res = await rt.app.request(
    '/lark/events',
    plainRequest(
      makeCardAction({ value: { a: 'application.submit', v: 1 }, operatorOpenId: openId, formValue: form }),
    ),
  );
  return (await res.json()) as CardAnswer;
}

/** Submits and runs the outbox. */
export async function submit(rt: TestRuntime, openId: string, formValue: Record<string, unknown>) {
  const answer = await clickSubmit(rt, openId, formValue);
  await rt.settle();
  return answer;
}

/** The memory store's state, without the journal (which records every handled update). */
export function state(rt: TestRuntime): Record<string, unknown> {
  return Object.fromEntries(Object.entries(rt.memory!.snapshot()).filter(([k]) => !k.includes(':done:')));
}

export async function storedApp(rt: TestRuntime, id: string): Promise<Application | undefined> {
  return parseApplication(await rt.store.get(rt.keys.application(id)));
}
