import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { renderCardText } from '../../src/cards/render-text.ts';
import { makeApplication } from '../helpers/applications.ts';
import { fakeLark, recordRequests, TEST_APP_ID } from '../helpers/fake-lark.ts';
import {
  APPLICANT,
  appOf,
  cardsTo,
  membershipRuntime,
  noticeApplication,
  putInNotice,
  say,
  textsTo,
} from './notice-setup.ts';

const BASE = 'http://lark.objector.test';
const STRANGER = 'ou_stranger_1'; // not in the org file, never applied

afterEach(() => {
  nock.cleanAll();
});

/** A runtime with Feishu credentials (messages recorded, not sent); the contact API is nock. */
async function feishuRuntime() {
  fakeLark(BASE);
  recordRequests(BASE, '/open-apis/bot/v3/info', () => ({
    body: { code: 0, msg: 'ok', bot: { open_id: 'ou_the_bot', app_name: '学生会助手' } },
  }));
  const users = recordRequests(BASE, '/open-apis/contact/v3/users/', () => ({
    body: {
      code: 0,
      msg: 'ok',
      data: { user: { open_id: STRANGER, name: '孙同学', department_ids: ['od_cs'] } },
    },
  }));
  const departments = recordRequests(BASE, '/open-apis/contact/v3/departments/', () => ({
    body: {
      code: 0,
      msg: 'ok',
      data: { department: { name: '计算机科学与技术学院', open_department_id: 'od_cs' } },
    },
  }));
  const rt = await membershipRuntime({
    env: { LARK_APP_ID: TEST_APP_ID, LARK_APP_SECRET: 'secret', LARK_DOMAIN: BASE },
  });
  return { rt, users, departments };
}

describe('a named objector, as the League committee sees them (issue 9, item 6)', () => {
  it('is named with their Feishu department when not in the org file, looked up once', async () => {
    const { rt, users, departments } = await feishuRuntime();
    await putInNotice(rt);
    await say(rt, STRANGER, '/异议 R-2026-0001 面试时有人代答');
    await say(rt, STRANGER, '/异议 R-2026-0001 还有一点补充');
    const cards = cardsTo(rt, 'ou_league_committee').map((c) => renderCardText(c).text);
    expect(cards).toHaveLength(2);
    for (const card of cards) {
      expect(card).toContain('提出人：孙同学（计算机科学与技术学院）');
      expect(card).not.toContain(STRANGER);
    }
    // The contact API is asked once; the second objection reads the cache.
    expect(users.requests.map((r) => [r.path, r.query.user_id_type])).toEqual([
      [`/open-apis/contact/v3/users/${STRANGER}`, 'open_id'],
    ]);
    expect(departments.requests).toHaveLength(1);
    expect((await appOf(rt))?.objections[0]).toMatchObject({
      byName: '孙同学',
      byCollege: '计算机科学与技术学院',
    });
    // The applicant hears of the objection, never from whom.
    const toApplicant = textsTo(rt, APPLICANT).join('\n');
    expect(toApplicant).not.toContain('孙同学');
  });

  it('uses the name and college of the objector’s own application', async () => {
    const rt = await membershipRuntime();
    await putInNotice(rt);
    await putInNotice(
      rt,
      makeApplication({
        id: 'R-2026-0002',
        state: 'rejected',
        applicant: {
          ...makeApplication().applicant,
          openId: 'ou_student_7',
          name: '钱七',
          college: 'cs',
          studentNo: '20249999',
        },
      }),
    );
    await say(rt, 'ou_student_7', '/异议 R-2026-0001 理由');
    const card = renderCardText(cardsTo(rt, 'ou_league_committee')[0]).text;
    expect(card).toContain('提出人：钱七（计算机学院）');
  });

  it('is shown by a Feishu mention when nobody can name them, never as a raw id in text', async () => {
    const rt = await membershipRuntime();
    await putInNotice(rt);
    await say(rt, STRANGER, '/异议 R-2026-0001 理由');
    const raw = JSON.stringify(cardsTo(rt, 'ou_league_committee')[0]);
    expect(raw).toContain(`提出人：<at id=${STRANGER}></at>`);
    expect(noticeApplication().id).toBe('R-2026-0001');
  });
});
