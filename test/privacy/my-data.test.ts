import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { renderContent } from '../../src/bot/console-sender.ts';
import { cosign, reply, type StepOutcome } from '../../src/domain/tickets.ts';
import { fileMessage, type OutboxMessage, OutboxMessageSchema } from '../../src/messages/outbox-message.ts';
import { fileAt, OFFICER, stepAt } from '../grievances/stats-setup.ts';
import { contextFor } from '../helpers/context.ts';
import { recordRequests } from '../helpers/fake-lark.ts';
import type { TestRuntime } from '../helpers/test-runtime.ts';
import { outboxHarness } from '../outbox/setup.ts';
import {
  APPLICANT,
  ID,
  membershipRuntime,
  noticeApplication,
  putInNotice,
  resignAs,
  say,
} from '../recruitment/notice-setup.ts';

afterEach(() => {
  nock.cleanAll();
});

const OTHER = 'ou_other_student';
const OBJECTOR = 'ou_objector';
const MINE = { named: '图书馆空调太冷', anonymous: '辅导员态度不好' };
const THEIRS = '操场灯坏了';

type FileMessage = Extract<OutboxMessage, { kind: 'file' }>;

/**
 * The asking student (APPLICANT) has an application in notice (so a seat in 学术部) with a
 * named objection, a named and an anonymous ticket, and has co-signed another student's.
 * That other student has an application and a ticket of their own.
 */
async function twoStudents(rt: TestRuntime) {
  await putInNotice(
    rt,
    noticeApplication({
      objections: [
        {
          n: 1,
          at: '2026-11-20T01:30:00.000Z',
          by: OBJECTOR,
          byName: '举报人',
          byCollege: 'cs',
          reason: '材料不实',
          status: 'open',
        },
      ],
      trail: [
        ...noticeApplication().trail,
        {
          at: '2026-11-20T01:30:00.000Z',
          by: OBJECTOR,
          name: '举报人',
          action: 'objected',
          reason: '材料不实',
        },
      ],
    }),
  );
  await putInNotice(
    rt,
    noticeApplication({ id: 'R-2026-0002', openId: OTHER, name: '李四', state: 'review' }),
  );
  const named = await fileAt(rt, '2026-11-18T02:00:00Z', {
    reporter: APPLICANT,
    name: '张三',
    text: MINE.named,
  });
  await stepAt(rt, '2026-11-18T03:00:00Z', named.id, (t, now) => reply(t, OFFICER, '已联系后勤', now));
  const anonymous = await fileAt(rt, '2026-11-19T02:00:00Z', {
    reporter: APPLICANT,
    text: MINE.anonymous,
    anonymous: true,
  });
  const theirs = await fileAt(rt, '2026-11-19T03:00:00Z', {
    reporter: OTHER,
    name: '李四',
    text: THEIRS,
    category: 'safety',
    cosignable: true,
  });
  await stepAt(
    rt,
    '2026-11-19T04:00:00Z',
    theirs.id,
    (t, now) => cosign(t, APPLICANT, false, now) as StepOutcome,
  );
  await stepAt(
    rt,
    '2026-11-19T05:00:00Z',
    theirs.id,
    (t, now) => cosign(t, 'ou_third', false, now) as StepOutcome,
  );
  // An activity: the first student seated, checked in, with the profile they gave; the other waits.
  const ctx = contextFor(rt, 'ou_head_office');
  const activity = await rt.repos.activities.create(
    ctx.uow,
    {
      title: '读书分享会',
      description: '',
      department: 'office',
      organiser: { openId: 'ou_head_office' },
      startsAt: '2026-11-19T11:00:00.000Z',
      endsAt: '2026-11-19T13:00:00.000Z',
      place: '图书馆',
      capacity: 1,
      opensAt: '2026-11-01T00:00:00.000Z',
      closesAt: '2026-11-19T11:00:00.000Z',
      colleges: [],
      grades: [],
      admission: 'first-come',
      waitlist: true,
      checkIn: { from: '2026-11-19T10:30:00.000Z', until: '2026-11-19T13:00:00.000Z' },
      hours: 2,
      chats: [],
    },
    rt.clock.now(),
  );
  rt.repos.activities.mark(ctx.uow, activity.id, APPLICANT, 'attended');
  rt.repos.activities.saveProfile(ctx.uow, APPLICANT, { v: 1, college: 'cs', grade: '2024' });
  await ctx.finish();
  const list = rt.repos.activities.listOf(activity.id);
  await rt.repos.activities.seats().join(list, APPLICANT, { capacity: 1, waitlist: true });
  await rt.repos.activities.seats().join(list, OTHER, { capacity: 1, waitlist: true });
  (rt.clock as unknown as { set(at: string): void }).set('2026-11-20T02:00:00.000Z');
  return { named, anonymous, theirs, activity };
}

function filesSent(rt: TestRuntime): FileMessage[] {
  return rt.sender.sent.filter((m): m is FileMessage => m.kind === 'file');
}

describe('/我的数据', () => {
  it('sends the asking student exactly their own data as a JSON file, anonymous tickets included', async () => {
    const rt = await membershipRuntime();
    const { named, anonymous, theirs } = await twoStudents(rt);
    rt.sender.sent.length = 0;
    await say(rt, APPLICANT, '/我的数据');

    const files = filesSent(rt);
    expect(files).toHaveLength(1);
    const file = files[0] as FileMessage;
    expect(file.to).toEqual({ type: 'chat_id', id: `oc_p2p_${APPLICANT}` });
    expect(file.fileName).toBe('我的数据-2026-11-20.json');
    expect(rt.sender.texts()).toEqual([
      '这是机器人保存的关于你的全部数据（我的数据-2026-11-20.json）：入会申请 1 份、任职 1 处、退出记录 0 条、权益诉求 2 件、附议 1 件、活动报名 1 次、报名资料 1 份。文件只发给你本人；你提交的匿名诉求也包括在内，其他人无从得知是你提交的。',
    ]);

    const data = JSON.parse(file.content);
    expect(data.about).toMatchObject({ openId: APPLICANT, university: '测试大学', ticketRetentionDays: 730 });
    expect(data.applications.map((a: { id: string }) => a.id)).toEqual([ID]);
    expect(data.applications[0].applicant).toMatchObject({ openId: APPLICANT, studentNo: '2024000123' });
    expect(data.memberships).toEqual([{ unit: 'academic', name: '学术部', appointed: false }]);
    expect(data.exits).toEqual([]);
    expect(data.tickets.map((t: { id: string }) => t.id)).toEqual([anonymous.id, named.id]);
    expect(data.tickets[0]).toMatchObject({ anonymous: true, text: MINE.anonymous, categoryName: '宿舍' });
    expect(data.tickets[1]).toMatchObject({
      anonymous: false,
      text: MINE.named,
      reporter: { openId: APPLICANT },
    });
    // an officer appears by name only
    expect(data.tickets[1].trail).toContainEqual(
      expect.objectContaining({ action: 'replied', name: OFFICER.name, note: '已联系后勤' }),
    );
    expect(data.cosigned).toEqual([
      { id: theirs.id, category: 'safety', categoryName: '安全', state: 'open', createdAt: theirs.createdAt },
    ]);
    expect(data.registrations).toEqual([
      expect.objectContaining({
        id: 'A1',
        title: '读书分享会',
        standing: { state: 'seated', position: 1, seated: 1 },
        attendance: 'attended',
      }),
    ]);
    expect(data.profile).toEqual([{ college: 'cs', grade: '2024' }]);
    // the objection is there, not who made it
    expect(data.applications[0].objections).toEqual([
      { n: 1, at: '2026-11-20T01:30:00.000Z', reason: '材料不实', status: 'open' },
    ]);

    for (const s of [
      OTHER,
      '李四',
      'R-2026-0002',
      THEIRS,
      OBJECTOR,
      '举报人',
      'ou_third',
      OFFICER.openId,
      'ou_league_cs',
      '"sealed"',
      's1.',
    ]) {
      expect(file.content).not.toContain(s);
    }
  });

  it("gives another student only theirs: none of the first student's tickets, anonymous or not", async () => {
    const rt = await membershipRuntime();
    const { theirs } = await twoStudents(rt);
    rt.sender.sent.length = 0;
    await say(rt, OTHER, '/mydata');
    const file = filesSent(rt)[0] as FileMessage;
    expect(file.to.id).toBe(`oc_p2p_${OTHER}`);
    const data = JSON.parse(file.content);
    expect(data.applications.map((a: { id: string }) => a.id)).toEqual(['R-2026-0002']);
    expect(data.tickets.map((t: { id: string }) => t.id)).toEqual([theirs.id]);
    expect(data.tickets[0].cosigners).toBe(2); // counted, never named
    expect(data.cosigned).toEqual([]);
    expect(data.registrations).toEqual([
      expect.objectContaining({ id: 'A1', standing: { state: 'waiting', position: 1 } }),
    ]);
    expect(data.registrations[0].attendance).toBeUndefined();
    expect(data.profile).toEqual([]);
    for (const s of [APPLICANT, MINE.named, MINE.anonymous, '张三', ID])
      expect(file.content).not.toContain(s);
  });

  it("lists a member's own exit, without who processed it", async () => {
    const rt = await membershipRuntime();
    await resignAs(rt, 'ou_academic_1', '/辞职', '学业繁忙');
    rt.sender.sent.length = 0;
    await say(rt, 'ou_academic_1', '/我的数据');
    const data = JSON.parse((filesSent(rt)[0] as FileMessage).content);
    expect(data.memberships).toEqual([]);
    expect(data.exits).toEqual([
      expect.objectContaining({ department: 'academic', action: 'resigned', reason: '学业繁忙' }),
    ]);
  });

  it('in a group answers there briefly and sends the file in a direct message', async () => {
    const rt = await membershipRuntime();
    await twoStudents(rt);
    rt.sender.sent.length = 0;
    await say(rt, APPLICANT, '/我的数据', { group: true });
    const files = filesSent(rt);
    expect(files).toHaveLength(1);
    expect(files[0]?.to).toEqual({ type: 'open_id', id: APPLICANT });
    const inGroup = rt.sender.sent.filter((m) => m.kind === 'reply' && m.chatId === 'oc_group_1');
    expect(inGroup).toHaveLength(1);
    expect(JSON.stringify(inGroup)).not.toContain(MINE.named);
  });
});

describe('the file message', () => {
  it('is validated: no empty file, nothing over the size limit', () => {
    const to = { type: 'open_id' as const, id: 'ou_x' };
    expect(OutboxMessageSchema.safeParse(fileMessage(to, 'a.json', '{}')).success).toBe(true);
    expect(OutboxMessageSchema.safeParse(fileMessage(to, 'a.json', '')).success).toBe(false);
    expect(
      OutboxMessageSchema.safeParse(fileMessage(to, 'a.json', 'x'.repeat(5 * 1024 * 1024))).success,
    ).toBe(false);
  });

  it('local mode shows its name and size, not its content', () => {
    const shown = renderContent(
      fileMessage({ type: 'open_id', id: 'ou_x' }, '我的数据.json', '{"secret":"在这里"}'),
    );
    expect(shown.text).toBe('[file] 我的数据.json (22 B)');
  });

  it('is uploaded to Feishu as a stream, then sent as a file message with its key', async () => {
    const h = outboxHarness();
    const uploads = recordRequests(h.lark.base, '/open-apis/im/v1/files', () => ({
      body: { code: 0, msg: 'success', data: { file_key: 'file_v3_abc' } },
    }));
    const message = fileMessage(
      { type: 'chat_id', id: 'oc_p2p_1' },
      '我的数据-2026-11-20.json',
      '{"a":"内容"}',
    );
    await h.enqueue(message);
    await h.worker.drain();

    expect(uploads.requests).toHaveLength(1);
    const upload = uploads.requests[0];
    expect(upload?.method).toBe('POST');
    expect(upload?.authorization).toBe('Bearer t-test');
    const multipart = String(upload?.body.raw ?? '');
    expect(multipart).toMatch(/name="file_type"\r\n\r\nstream\r\n/);
    expect(multipart).toMatch(/name="file_name"\r\n\r\n我的数据-2026-11-20\.json\r\n/);
    expect(multipart).toContain('{"a":"内容"}');

    expect(h.sent.requests).toHaveLength(1);
    expect(h.sent.requests[0]?.query).toEqual({ receive_id_type: 'chat_id' });
    expect(h.sent.requests[0]?.body).toEqual({
      receive_id: 'oc_p2p_1',
      msg_type: 'file',
      content: JSON.stringify({ file_key: 'file_v3_abc' }),
      uuid: message.kind === 'file' ? message.uuid : '',
    });
    expect(await h.meter.usage('2025-03')).toEqual({ 'im.file.create': 1, 'im.message.create': 1 });
    expect(await h.store.outbox.read('check', 10, 0)).toEqual([]);
  });

  it('a refused upload sends no message and keeps the code (dead-lettered, not retried)', async () => {
    const h = outboxHarness();
    const uploads = recordRequests(h.lark.base, '/open-apis/im/v1/files', () => ({
      status: 400,
      body: { code: 234006, msg: 'file size exceed limit' },
    }));
    await h.enqueue(fileMessage({ type: 'chat_id', id: 'oc_p2p_1' }, 'a.json', '{}'));
    await h.worker.drain();
    expect(uploads.requests).toHaveLength(1);
    expect(h.sent.requests).toHaveLength(0);
    expect(h.logs.join('')).toContain('234006');
  });
});
