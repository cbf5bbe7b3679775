import { describe, expect, it } from 'vitest';
import { LOCAL_BOT } from '../../src/bot/bot-identity.ts';
import { renderCardText } from '../../src/cards/render-text.ts';
import type { Application } from '../../src/domain/recruitment.ts';
import { applicationWrites } from '../../src/store/repos/recruitment.ts';
import { makeMessageEvent, plainRequest } from '../helpers/fixtures.ts';
import { testRuntime } from '../helpers/test-runtime.ts';
import { say } from '../meetings/helpers.ts';
import { applyOrg, clickSubmit, NOW, STUDENT, state, storedApp, submit, validForm } from './apply-helpers.ts';

const rtApply = (extra = '', now = NOW) => testRuntime({ now, org: applyOrg(extra) });

type Node = Record<string, unknown>;
function formFields(card: Node): Record<string, Node> {
  const form = ((card.body as { elements: Node[] }).elements ?? []).find((e) => e.tag === 'form');
  return Object.fromEntries(((form?.elements as Node[]) ?? []).map((e) => [String(e.name), e]));
}

describe('/apply sends the form', () => {
  it('answers in p2p with a schema-2.0 form of every field, the department asked for preselected', async () => {
    const rt = await rtApply();
    await say(rt, STUDENT, '/申请 学术部');
    const cards = rt.sender.cards();
    expect(cards).toHaveLength(1);
    const card = cards[0] as Node;
    expect(card.schema).toBe('2.0');
    // the form sits at the root of body.elements
    expect((card.body as { elements: Node[] }).elements.some((e) => e.tag === 'form')).toBe(true);
    const fields = formFields(card);
    expect(Object.keys(fields)).toEqual([
      'name',
      'studentNo',
      'college',
      'className',
      'political',
      'first',
      'second',
      'adjust',
      'reason',
      'phone',
      'submit',
    ]);
    expect(fields.college).toMatchObject({
      tag: 'select_static',
      required: true,
      options: [
        { text: { tag: 'plain_text', content: '计算机学院' }, value: 'cs' },
        { text: { tag: 'plain_text', content: '数学学院' }, value: 'math' },
      ],
    });
    expect(((fields.political?.options ?? []) as Node[]).map((o) => o.value)).toEqual([
      '中共党员',
      '中共预备党员',
      '共青团员',
      '群众',
    ]);
    // only departments recruiting now: 学术部 (办公室's window is over, 体育部 has none)
    expect(((fields.first?.options ?? []) as Node[]).map((o) => o.value)).toEqual(['academic']);
    expect(fields.first).toMatchObject({ required: true, initial_option: 'academic' });
    expect(fields.second).toMatchObject({ required: false });
    expect(fields.adjust).toMatchObject({ tag: 'select_static', initial_option: 'no' });
    expect(fields.reason).toMatchObject({ tag: 'input', input_type: 'multiline_text', max_length: 500 });
    expect(fields.submit).toMatchObject({
      tag: 'button',
      form_action_type: 'submit',
      behaviors: [{ type: 'callback', value: { a: 'application.submit', v: 1 } }],
    });
    const names = Object.keys(fields);
    expect(new Set(names).size).toBe(names.length);
    const rendered = renderCardText(card);
    expect(rendered.buttons[0]?.value).toEqual({ a: 'application.submit', v: 1 });
    expect(rendered.text).toContain('院系团组织推荐 → 院系党组织审核 → 校团委遴选');
  });

  it('used in a group, answers briefly there and sends the form in p2p', async () => {
    const rt = await rtApply();
    const atBot = { key: '@_user_1', openId: LOCAL_BOT.openId, name: '学生会助手' };
    await rt.app.request(
      '/lark/events',
      plainRequest(
        makeMessageEvent({
          chatType: 'group',
          messageId: 'om_g1',
          senderOpenId: STUDENT,
          text: '@_user_1 /申请 学术部',
          mentions: [atBot],
        }),
      ),
    );
    await rt.settle();
    const [brief, form] = rt.sender.sent;
    expect(brief).toMatchObject({ kind: 'reply', chatId: 'oc_group_1', messageId: 'om_g1' });
    expect(rt.sender.texts()).toEqual(['这条涉及个人信息，我已私信你继续处理。']);
    expect(form).toMatchObject({
      kind: 'send',
      to: { type: 'open_id', id: STUDENT },
      msgType: 'interactive',
    });
    expect(rt.sender.sent).toHaveLength(2);
  });

  it('notes a department that is not recruiting or does not exist, and preselects nothing', async () => {
    const rt = await rtApply();
    await say(rt, STUDENT, '/apply 体育部');
    await say(rt, STUDENT, '/加入 外联部');
    const [a, b] = rt.sender.cards().map((c) => c as Node);
    expect(renderCardText(a).text).toContain('体育部目前不在招新。正在招新的部门：学术部。');
    expect(formFields(a as Node).first?.initial_option).toBeUndefined();
    expect(renderCardText(b).text).toContain('没有叫“外联部”的部门');
  });

  it('says so instead when nothing recruits, when an application is open, or to a member', async () => {
    const closed = await rtApply('', '2027-03-01T02:00:00Z');
    await say(closed, STUDENT, '/申请');
    expect(closed.sender.texts()).toEqual(['目前没有部门在招新，请留意学生会的招新通知。']);
    expect(closed.sender.cards()).toHaveLength(0);

    const rt = await rtApply();
    await submit(rt, STUDENT, validForm());
    rt.sender.sent.length = 0;
    await say(rt, STUDENT, '/申请');
    expect(rt.sender.texts()[0]).toContain(
      '你已有一份进行中的申请 R-2026-0001（学术部），目前在：院系团组织推荐',
    );
    await say(rt, 'ou_member_office', '/申请');
    expect(rt.sender.texts()[1]).toBe('你已是学生会成员（办公室），不能再申请加入部门。');
    await say(rt, 'ou_presidium_1', '/申请');
    expect(rt.sender.texts()[2]).toContain('你已是学生会成员（主席团）');
    expect(rt.sender.cards()).toHaveLength(0);
  });
});

describe('submitting the form', () => {
  it('stores the application in review at the first stage, tells its approvers, and answers inline', async () => {
    const rt = await rtApply();
    const answer = await submit(rt, STUDENT, validForm());
    expect(answer.toast).toEqual({ type: 'success', content: '已提交申请 R-2026-0001' });
    const app = await storedApp(rt, 'R-2026-0001');
    expect(app).toMatchObject({
      id: 'R-2026-0001',
      state: 'review',
      stage: 0,
      first: 'academic',
      adjust: false,
      reason: '想为同学们做些实事',
      applicant: {
        openId: STUDENT,
        name: '张三',
        studentNo: '20240001',
        college: 'cs',
        className: '计科2401',
        political: '共青团员',
        phone: '13800138000',
      },
      trail: [{ by: STUDENT, action: 'submitted', role: 'student' }],
    });
    expect(await rt.store.get(rt.keys.openApplication(STUDENT))).toBe('R-2026-0001');
    expect(await rt.store.smembers(rt.keys.applicationsOf(STUDENT))).toEqual(['R-2026-0001']);
    // the college's League branch (the first stage) was told, and nobody else
    const to = rt.sender.sent.flatMap((m) => (m.kind === 'send' ? [m.to.id] : []));
    expect(to).toContain('ou_league_cs');
    expect(to).not.toContain('ou_league_math');
    expect(to).not.toContain('ou_party_cs');
    // the clicker's form became the application
    expect(answer.card?.data.schema).toBe('2.0');
    const text = renderCardText(answer.card?.data).text;
    expect(text.split('R-2026-0001')).toHaveLength(2); // the id once, not twice
    expect(text).toContain('审核中 · 院系团组织推荐');
    expect(text).toContain('张三 提交申请');
  });

  it('takes a second choice and 服从调剂, trims and normalises the phone', async () => {
    const rt = await rtApply('    sports: { from: 2026-11-01, until: 2026-12-31 }\n');
    const answer = await submit(
      rt,
      STUDENT,
      validForm({ second: 'sports', adjust: 'yes', phone: '138 0013 8000', name: '  张三 ' }),
    );
    expect(answer.toast?.type).toBe('success');
    expect(await storedApp(rt, 'R-2026-0001')).toMatchObject({
      first: 'academic',
      second: 'sports',
      adjust: true,
      applicant: { name: '张三', phone: '13800138000' },
    });
    expect(renderCardText(answer.card?.data).text).toContain('学术部（第二志愿 体育部，服从调剂）');
  });

  it('numbers applications per year', async () => {
    const rt = await rtApply();
    await submit(rt, STUDENT, validForm());
    const answer = await submit(rt, 'ou_student_2', validForm({ college: 'math' }));
    expect(answer.toast?.content).toBe('已提交申请 R-2026-0002');
    expect(rt.sender.sent.some((m) => m.kind === 'send' && m.to.id === 'ou_league_math')).toBe(true);
  });
});

describe('an invalid or refused submission stores nothing', () => {
  it.each([
    ['no name', { name: '  ' }, '姓名：请填写'],
    ['a name over 30 characters', { name: '张'.repeat(31) }, '姓名：最多 30 个字'],
    ['a student number in the wrong format', { studentNo: '2024' }, '学号：应为 8–12 位数字'],
    ['letters in the student number', { studentNo: '2024000a' }, '学号：应为 8–12 位数字'],
    ['an unknown college', { college: 'law' }, '学院：没有这个学院'],
    ['no class', { className: '' }, '班级：请填写'],
    ['a political status not offered', { political: '无党派' }, '政治面貌：请从列表中选择'],
    ['no first choice', { first: undefined }, '第一志愿：请填写'],
    ['an unknown department', { first: 'press' }, '第一志愿：没有这个部门'],
    ['the same second choice', { second: 'academic' }, '第二志愿：不能与第一志愿相同'],
    ['an empty reason', { reason: ' ' }, '申请理由：请填写'],
    ['a reason over 500 characters', { reason: '好'.repeat(501) }, '申请理由：最多 500 个字'],
    ['a landline', { phone: '010-12345678' }, '手机号：应为 11 位大陆手机号'],
    ['a mobile number starting 12', { phone: '12800138000' }, '手机号：应为 11 位大陆手机号'],
  ])('refuses %s', async (_name, over, message) => {
    const rt = await rtApply();
    const before = state(rt);
    const answer = await submit(rt, STUDENT, validForm(over));
    expect(answer.toast?.type).toBe('error');
    expect(answer.toast?.content).toContain('表单有误，没有提交：');
    expect(answer.toast?.content).toContain(message);
    expect(answer.card).toBeUndefined();
    expect(state(rt)).toEqual(before);
    expect(rt.sender.sent).toHaveLength(0);
  });

  it('names every bad field in form order', async () => {
    const rt = await rtApply();
    const before = state(rt);
    const answer = await submit(rt, STUDENT, { first: 'academic', second: 'academic', phone: '123' });
    expect(answer.toast?.content).toBe(
      '表单有误，没有提交：姓名：请填写；学号：请填写；学院：请填写；班级：请填写；政治面貌：请填写；第二志愿：不能与第一志愿相同；申请理由：请填写；手机号：应为 11 位大陆手机号',
    );
    expect(state(rt)).toEqual(before);
  });

  it('accepts a reason of exactly 500 characters and a name of 30', async () => {
    const rt = await rtApply();
    const answer = await submit(rt, STUDENT, validForm({ reason: '好'.repeat(500), name: '张'.repeat(30) }));
    expect(answer.toast?.type).toBe('success');
  });

  it('refuses 群众: the source document requires 党员 or 团员', async () => {
    const rt = await rtApply();
    const before = state(rt);
    const answer = await submit(rt, STUDENT, validForm({ political: '群众' }));
    expect(answer.toast).toEqual({
      type: 'error',
      content:
        '没有提交：按学生会改革方案，申请人须为中共党员、中共预备党员、共青团员；你填写的政治面貌是群众。',
    });
    expect(state(rt)).toEqual(before);
  });

  it('refuses a department with no window, and one whose window is over', async () => {
    const rt = await rtApply();
    const before = state(rt);
    const none = await submit(rt, STUDENT, validForm({ first: 'sports' }));
    expect(none.toast?.content).toBe('没有提交：体育部目前不在招新。发送 /申请 查看正在招新的部门。');
    const over = await submit(rt, STUDENT, validForm({ first: 'office' }));
    expect(over.toast?.content).toContain('办公室目前不在招新');
    const second = await submit(rt, STUDENT, validForm({ second: 'office' }));
    expect(second.toast?.content).toContain('办公室目前不在招新');
    expect(state(rt)).toEqual(before);
  });

  it('refuses before the window opens and after it closes (dates inclusive, local time)', async () => {
    // 2026-10-31 23:59 in Shanghai: not yet
    const early = await rtApply('', '2026-10-31T15:59:00Z');
    expect((await submit(early, STUDENT, validForm())).toast?.content).toContain('学术部目前不在招新');
    // 2026-11-01 00:00 in Shanghai: open
    const first = await rtApply('', '2026-10-31T16:00:00Z');
    expect((await submit(first, STUDENT, validForm())).toast?.type).toBe('success');
    // 2026-12-31 23:59 in Shanghai: still open; 2027-01-01 00:00: closed
    const last = await rtApply('', '2026-12-31T15:59:00Z');
    expect((await submit(last, STUDENT, validForm())).toast?.type).toBe('success');
    const after = await rtApply('', '2026-12-31T16:00:00Z');
    expect((await submit(after, STUDENT, validForm())).toast?.content).toContain('学术部目前不在招新');
  });

  it('refuses a second application while one is open, naming it and where it is', async () => {
    const rt = await rtApply();
    await submit(rt, STUDENT, validForm());
    const before = state(rt);
    const again = await submit(rt, STUDENT, validForm({ reason: '再试一次' }));
    expect(again.toast).toEqual({
      type: 'error',
      content:
        '你已有一份进行中的申请 R-2026-0001（学术部），目前在：院系团组织推荐。每人同时只能有一份申请；如要重新申请，请先发送 /撤回。',
    });
    expect(state(rt)).toEqual(before);
  });

  it('refuses a student number another person already used, without naming them, and stores nothing', async () => {
    const rt = await rtApply();
    await submit(rt, STUDENT, validForm({ studentNo: '20249999' }));
    const before = state(rt);
    const answer = await submit(rt, 'ou_someone_else', validForm({ name: '李四', studentNo: '20249999' }));
    expect(answer.toast).toEqual({
      type: 'error',
      content:
        '学号 20249999 已由另一位同学用于申请。一个学号只属于一个人，请核对后重新提交；如果这确实是你的学号，请联系学生会办公室处理。',
    });
    expect(JSON.stringify(answer)).not.toContain('张三');
    expect(state(rt)).toEqual(before);
  });

  it('refuses a member of a department (a seat holder)', async () => {
    const rt = await rtApply();
    const before = state(rt);
    const answer = await submit(rt, 'ou_member_office', validForm());
    expect(answer.toast?.content).toBe('你已是学生会成员（办公室），不能再申请加入部门。');
    expect(state(rt)).toEqual(before);
  });

  it('checks the student number against the org file’s pattern', async () => {
    const rt = await rtApply(
      '  studentNumber: "^(19|20)\\\\d{2}[A-Z]{2}\\\\d{4}$"\n  studentNumberHint: 入学年份 + 2 位专业字母 + 4 位数字\n',
    );
    expect(rt.org.recruitment.studentNumber).toBe('^(19|20)\\d{2}[A-Z]{2}\\d{4}$');
    const bad = await submit(rt, STUDENT, validForm({ studentNo: '20240001' }));
    expect(bad.toast?.content).toBe('表单有误，没有提交：学号：应为 入学年份 + 2 位专业字母 + 4 位数字');
    const good = await submit(rt, STUDENT, validForm({ studentNo: '2024CS0001' }));
    expect(good.toast?.type).toBe('success');
  });
});

describe('/recruit', () => {
  it('lets the presidium open a department until a date, after which a form for it is accepted', async () => {
    const rt = await rtApply();
    expect((await submit(rt, STUDENT, validForm({ first: 'sports' }))).toast?.type).toBe('error');
    await say(rt, 'ou_presidium_1', '/招新 开启 体育部 截止 2026-12-10');
    expect(rt.sender.texts().at(-1)).toBe('已开启体育部招新，截止 2026-12-10（含当天）。');
    expect(JSON.parse((await rt.store.get(rt.keys.recruitWindow('sports'))) ?? '')).toEqual({
      v: 1,
      open: true,
      until: '2026-12-10',
      by: 'ou_presidium_1',
      at: '2026-11-25T02:00:00.000Z',
    });
    const answer = await submit(rt, STUDENT, validForm({ first: 'sports' }));
    expect(answer.toast?.type).toBe('success');
    expect((await storedApp(rt, 'R-2026-0001'))?.first).toBe('sports');
  });

  it('closes a department the org file opens; the form no longer offers it', async () => {
    const rt = await rtApply();
    await say(rt, 'ou_presidium_1', '/招新 关闭 学术部');
    expect(rt.sender.texts().at(-1)).toBe('已关闭学术部招新。');
    expect((await submit(rt, STUDENT, validForm())).toast?.content).toContain('学术部目前不在招新');
    await say(rt, STUDENT, '/申请');
    expect(rt.sender.texts().at(-1)).toBe('目前没有部门在招新，请留意学生会的招新通知。');
  });

  it('takes English words, ids, dates without a year, and no end date', async () => {
    const rt = await rtApply();
    await say(rt, 'ou_presidium_1', '/recruit open sports until 12-10');
    expect(rt.sender.texts().at(-1)).toBe('已开启体育部招新，截止 2026-12-10（含当天）。');
    await say(rt, 'ou_presidium_1', '/recruit open office');
    expect(rt.sender.texts().at(-1)).toContain('已开启办公室招新，未设截止日期');
    expect((await submit(rt, STUDENT, validForm({ first: 'office' }))).toast?.type).toBe('success');
    await say(rt, 'ou_presidium_1', '/recruit close SPORTS');
    expect(rt.sender.texts().at(-1)).toBe('已关闭体育部招新。');
  });

  it('counts an opened window whose last day has passed as closed', async () => {
    const rt = await rtApply();
    await say(rt, 'ou_presidium_1', '/招新 开启 体育部 截止 2026-11-25');
    expect((await submit(rt, STUDENT, validForm({ first: 'sports' }))).toast?.type).toBe('success');
    const later = await testRuntime({ now: '2026-11-25T16:00:00Z', org: applyOrg(), store: rt.store });
    expect((await submit(later, 'ou_student_2', validForm({ first: 'sports' }))).toast?.content).toContain(
      '体育部目前不在招新',
    );
  });

  it.each([
    ['no verb', '/招新 体育部', '“体育部”不是“开启”或“关闭”'],
    ['no department', '/招新 开启', '请写上部门'],
    [
      'an unknown department',
      '/招新 开启 外联部',
      '没有叫“外联部”的部门（可写名称或编号：办公室（office）、学术部（academic）、体育部（sports））',
    ],
    [
      'a bad date',
      '/招新 开启 体育部 截止 下周',
      '截止日期“下周”看不懂，请写成 2026-12-10、2026/12/10、2026年12月10日、12-10 或 12月10日',
    ],
    ['a date in the past', '/招新 开启 体育部 截止 2026-11-24', '截止日期 2026-11-24 早于今天（2026-11-25）'],
    ['no date after until', '/招新 开启 体育部 截止', '“截止”后请写一个日期'],
    ['a date on close', '/招新 关闭 体育部 截止 2026-12-01', '关闭招新不用写截止日期'],
  ])('refuses %s with the usage', async (_name, text, problem) => {
    const rt = await rtApply();
    const before = state(rt);
    await say(rt, 'ou_presidium_1', text);
    const [reply] = rt.sender.texts();
    expect(reply).toContain(`没有更改：${problem}`);
    expect(reply).toContain('用法：/招新 [开启|关闭 <部门> [截止 <日期>]]');
    const after = state(rt);
    expect(Object.keys(after).filter((k) => k.includes(':recruit:'))).toEqual([]);
    expect(Object.keys(after).filter((k) => !(k in before) && !k.includes(':seen:'))).toEqual([]);
  });

  it('refuses a student', async () => {
    const rt = await rtApply();
    await say(rt, STUDENT, '/招新 开启 体育部');
    expect(rt.sender.texts()[0]).toContain('你没有使用 /招新 的权限');
    expect(await rt.store.get(rt.keys.recruitWindow('sports'))).toBeNull();
    await say(rt, 'ou_member_office', '/招新');
    expect(rt.sender.texts()[1]).toContain('你没有使用 /招新 的权限');
  });

  it('lists every department: recruiting or not, until when, seats taken against the cap', async () => {
    const rt = await rtApply('    sports: { from: 2026-12-01, until: 2026-12-15 }\n');
    await say(rt, 'ou_presidium_1', '/招新');
    expect(rt.sender.texts()[0]).toBe(
      [
        '各部门招新情况（2026-11-25）：',
        '· 办公室：未招新；席位 2/9',
        '· 学术部：招新中，截止 2026-12-31；席位 0/9',
        '· 体育部：未招新，2026-12-01 开始；席位 0/2',
        '全会 3/60',
        '开启或关闭：/招新 开启|关闭 <部门> [截止 <日期>]',
      ].join('\n'),
    );
    await say(rt, 'ou_presidium_1', '/招新 开启 体育部');
    await say(rt, 'ou_presidium_1', '/招新 关闭 学术部');
    await say(rt, 'ou_presidium_1', '/recruit');
    const list = rt.sender.texts().at(-1) ?? '';
    expect(list).toContain('· 学术部：未招新（主席团设置）；席位 0/9');
    expect(list).toContain('· 体育部：招新中，未设截止日期（主席团设置）；席位 0/2');
  });
});

/** An application of `openId` in public notice for 学术部, holding its seat, written straight to the store. */
async function seedNotice(rt: Awaited<ReturnType<typeof rtApply>>, openId: string): Promise<Application> {
  const at = '2026-11-20T02:00:00.000Z';
  const app: Application = {
    v: 1,
    id: 'R-2026-0007',
    applicant: {
      openId,
      name: '张三',
      studentNo: '20240001',
      college: 'cs',
      className: '计科2401',
      political: '共青团员',
      phone: '13800138000',
    },
    first: 'academic',
    adjust: false,
    reason: '服务同学',
    state: 'notice',
    stage: 2,
    stageSince: at,
    department: 'academic',
    scores: { written: 90, interview: 88 },
    noticeUntil: '2026-11-30T02:00:00.000Z',
    createdAt: '2026-11-10T02:00:00.000Z',
    updatedAt: at,
    rev: 4,
    objections: [],
    trail: [
      { at: '2026-11-10T02:00:00.000Z', by: openId, name: '张三', role: 'student', action: 'submitted' },
      {
        at,
        by: 'ou_league_committee',
        name: '何老师',
        role: 'leagueCommittee',
        action: 'approved',
        stage: 'panel',
      },
      { at, by: 'system', action: 'notice' },
    ],
  };
  await rt.store.commit({
    plan: () => ({
      writes: [
        ...applicationWrites(rt.keys, app),
        { op: 'sadd', key: rt.keys.applicationsOf(openId), members: [app.id] },
        { op: 'sadd', key: rt.keys.seats('academic'), members: [openId] },
        { op: 'sadd', key: rt.keys.seatsUnion, members: [openId] },
      ],
      result: null,
    }),
  });
  return app;
}

describe('/withdraw', () => {
  it('ends the open application, and a second /撤回 finds none', async () => {
    const rt = await rtApply();
    await submit(rt, STUDENT, validForm());
    rt.sender.sent.length = 0;
    await say(rt, STUDENT, '/撤回');
    expect(rt.sender.texts()[0]).toBe('已撤回申请 R-2026-0001（学术部）。\n之后如想再申请，发送 /申请。');
    const app = await storedApp(rt, 'R-2026-0001');
    expect(app?.state).toBe('withdrawn');
    expect(app?.trail.at(-1)).toMatchObject({ by: STUDENT, role: 'student', action: 'withdrawn' });
    expect(await rt.store.get(rt.keys.openApplication(STUDENT))).toBeNull();
    expect(await rt.store.smembers(rt.keys.appsInReview)).toEqual([]);
    await say(rt, STUDENT, '/withdraw');
    expect(rt.sender.texts()[1]).toBe('你没有进行中的申请。');
    // and may apply again
    expect((await submit(rt, STUDENT, validForm())).toast?.content).toBe('已提交申请 R-2026-0002');
  });

  it('says there is none to someone who never applied', async () => {
    const rt = await rtApply();
    const before = state(rt);
    await say(rt, STUDENT, '/撤回');
    expect(rt.sender.texts()).toEqual(['你没有进行中的申请。']);
    const after = state(rt);
    expect(Object.keys(after).filter((k) => k.includes(':app')).length).toBe(
      Object.keys(before).filter((k) => k.includes(':app')).length,
    );
  });

  it('during the public notice gives the seat back', async () => {
    const rt = await rtApply();
    await seedNotice(rt, STUDENT);
    expect(await rt.store.smembers(rt.keys.seats('academic'))).toEqual([STUDENT]);
    const unionBefore = (await rt.store.smembers(rt.keys.seatsUnion)).length;
    await say(rt, STUDENT, '/撤回');
    expect(rt.sender.texts()[0]).toContain('已撤回申请 R-2026-0007（学术部）');
    expect(rt.sender.texts()[0]).toContain('你在公示期间占用的学术部席位已释放');
    expect(await rt.store.smembers(rt.keys.seats('academic'))).toEqual([]);
    expect(await rt.store.smembers(rt.keys.seatsUnion)).not.toContain(STUDENT);
    expect((await rt.store.smembers(rt.keys.seatsUnion)).length).toBe(unionBefore - 1);
    expect(await rt.store.zrangeByScore(rt.keys.appsInNotice, 0, Number.MAX_SAFE_INTEGER)).toEqual([]);
    expect((await storedApp(rt, 'R-2026-0007'))?.state).toBe('withdrawn');
  });
});

describe('/status', () => {
  it('shows the person’s applications newest first with the trail and their own details', async () => {
    const rt = await rtApply();
    await seedNotice(rt, STUDENT);
    await say(rt, STUDENT, '/撤回');
    await submit(rt, STUDENT, validForm({ phone: '13912345678', reason: '第二次申请' }));
    rt.sender.sent.length = 0;
    await say(rt, STUDENT, '/我的');
    const cards = rt.sender.cards();
    expect(cards).toHaveLength(1);
    const text = renderCardText(cards[0]).text;
    expect(text).toContain('我的申请');
    expect(text.indexOf('R-2026-0001')).toBeGreaterThan(-1);
    expect(text.indexOf('R-2026-0001')).toBeLessThan(text.indexOf('R-2026-0007'));
    expect(text).toContain('进度：审核中 · 院系团组织推荐');
    expect(text).toContain('进度：已撤回');
    // their own personal data is shown to them
    expect(text).toContain('学号 20240001');
    expect(text).toContain('手机 13912345678');
    expect(text).toContain('申请理由：第二次申请');
    // the trail
    expect(text).toContain('张三 提交申请');
    expect(text).toContain('何老师（校团委遴选）同意');
    expect(text).toContain('进入公示');
    expect(text).toContain('张三 撤回申请');
    expect(text).toContain('你目前不是学生会成员。');
  });

  it('never shows another person’s application', async () => {
    const rt = await rtApply();
    await submit(rt, STUDENT, validForm({ studentNo: '20249999', phone: '13999999999', name: '李四' }));
    rt.sender.sent.length = 0;
    await say(rt, 'ou_student_2', '/我的');
    const text = renderCardText(rt.sender.cards()[0]).text;
    expect(text).toContain('你还没有提交过申请');
    for (const secret of ['R-2026-0001', '20249999', '13999999999', '李四'])
      expect(text).not.toContain(secret);
  });

  it('shows a member their departments, and in a group continues in p2p', async () => {
    const rt = await rtApply();
    const atBot = { key: '@_user_1', openId: LOCAL_BOT.openId };
    await rt.app.request(
      '/lark/events',
      plainRequest(
        makeMessageEvent({
          chatType: 'group',
          senderOpenId: 'ou_member_office',
          text: '@_user_1 /我的',
          mentions: [atBot],
        }),
      ),
    );
    await rt.settle();
    expect(rt.sender.sent[0]).toMatchObject({ kind: 'reply', chatId: 'oc_group_1' });
    expect(rt.sender.sent[1]).toMatchObject({
      kind: 'send',
      to: { type: 'open_id', id: 'ou_member_office' },
    });
    expect(renderCardText(rt.sender.cards()[0]).text).toContain('我所在的部门：办公室');
  });
});

describe('concurrent submissions', () => {
  it('10 clicks of the same form at once make exactly one application', async () => {
    const rt = await rtApply();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => clickSubmit(rt, STUDENT, validForm())),
    );
    await rt.settle();
    expect(answers.filter((a) => a.toast?.type === 'success')).toHaveLength(1);
    const refused = answers.filter((a) => a.toast?.type === 'error');
    expect(refused).toHaveLength(9);
    for (const a of refused) expect(a.toast?.content).toContain('你已有一份进行中的申请 R-2026-0001');
    expect(await rt.store.smembers(rt.keys.applicationsOf(STUDENT))).toEqual(['R-2026-0001']);
    expect(await rt.store.get(rt.keys.applicationSeq('2026'))).toBe('1');
    expect(await rt.store.get(rt.keys.application('R-2026-0002'))).toBeNull();
  });
});
