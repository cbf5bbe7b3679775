import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { parseOrg } from '../../src/config/org.ts';
import { makeMessageEvent } from '../helpers/fixtures.ts';
import { TEST_ORG_YAML } from '../helpers/org.ts';
import { REDIS_URL } from '../helpers/redis.ts';
import {
  cardsTo,
  cardText,
  recipient,
  type SignedHarness,
  signedHarness,
  signedRequest,
  textsTo,
} from '../helpers/signed-harness.ts';

const NOW = '2026-11-20T02:00:00.000Z';
const REPORTER = 'ou_reporter_secret';
const REPORTER_CHAT = 'oc_dm_reporter';
const OFFICER = 'ou_rights_officer';
const HEAD = 'ou_rights_head';

/** The test org with a 权益部 (head and one officer, no chat: each gets the card). */
const ORG = parseOrg(
  TEST_ORG_YAML.replace(
    '  - id: academic\n    name: 学术部\n',
    `  - id: academic\n    name: 学术部\n  - id: rights\n    name: 权益部\n    heads: [郑部长 <${HEAD}>]\n    members: [权益干事 <${OFFICER}>]\n`,
  ),
);

interface Harness extends SignedHarness {
  logs: string[];
}

/** The signed harness on the real Redis, with logs captured (the anonymity scan reads them). */
async function harness(prefix?: string, org = ORG): Promise<Harness> {
  const logs: string[] = [];
  const log = pino(
    { level: 'debug' },
    new Writable({
      write(chunk, _enc, done) {
        logs.push(String(chunk));
        done();
      },
    }),
  );
  const h = await signedHarness({ org, now: NOW, name: 'grievances', log, ...(prefix ? { prefix } : {}) });
  return Object.assign(h, { logs });
}

const to = recipient;
const ticketOf = async (h: Harness, id: string) => h.rt.repos.tickets.get(id);

describe('grievances: an anonymous ticket from filing to a rated close (issue 10)', () => {
  it('files, triages, relays both ways, pauses, resolves, reopens on a low rating and closes; nothing identifies the reporter', async () => {
    const h = await harness();
    const text = '3号楼热水器坏了一周了，洗不了澡';
    const filedMessage = await h.say(REPORTER, `/诉求 匿名 宿舍 ${text}`, REPORTER_CHAT);

    const ticket = await ticketOf(h, 'Q-2026-0001');
    expect(ticket).toMatchObject({ category: 'dorm', text, anonymous: true, state: 'open', unit: 'school' });
    expect(ticket?.reporter).toBeUndefined();
    // The reporter's card, in their chat; a triage card to each officer of 权益部.
    expect(cardText(cardsTo(h, REPORTER_CHAT)[0])).toContain('诉求 Q-2026-0001 · 待认领');
    const triage = cardText(cardsTo(h, OFFICER)[0]);
    expect(triage).toContain('提出人：匿名同学#1');
    expect(triage).toContain(text);
    expect(cardsTo(h, HEAD)).toHaveLength(1);

    // Two officers claim at the same instant: one claimer, the other told who.
    const [a, b] = await Promise.all([
      h.click(OFFICER, { a: 'ticket.claim', id: 'Q-2026-0001', v: 1 }),
      h.click(HEAD, { a: 'ticket.claim', id: 'Q-2026-0001', v: 1 }),
    ]);
    const winner = (await ticketOf(h, 'Q-2026-0001'))?.claimer?.openId;
    expect([OFFICER, HEAD]).toContain(winner);
    const loser = winner === OFFICER ? b : a;
    expect(loser.toast?.content).toMatch(/已经认领了 Q-2026-0001/);
    const officer = winner as string;
    const other = officer === OFFICER ? HEAD : OFFICER;

    // The officer asks; the reporter hears it through the bot; the clock pauses.
    h.clock.set('2026-11-20T03:00:00.000Z');
    await h.click(
      officer,
      { a: 'ticket.act', id: 'Q-2026-0001', d: 'ask', v: 1 },
      { form: { message: '请问是几单元？' } },
    );
    expect(textsTo(h, REPORTER).at(-1)).toContain('请你补充：\n请问是几单元？');
    expect((await ticketOf(h, 'Q-2026-0001'))?.state).toBe('waiting');
    // Someone else cannot reply on a claimed ticket.
    const refused = await h.click(
      other,
      { a: 'ticket.act', id: 'Q-2026-0001', d: 'reply', v: 1 },
      { form: { message: 'x' } },
    );
    expect(refused.toast?.content).toContain('已经认领了');

    // The reporter answers: relayed to the claimer, the pause ends.
    h.clock.set('2026-11-20T05:00:00.000Z');
    await h.say(REPORTER, '/诉求 回复 Q-2026-0001 2单元，三楼', REPORTER_CHAT);
    expect(textsTo(h, officer).at(-1)).toContain('提出人补充：\n2单元，三楼');
    const resumed = await ticketOf(h, 'Q-2026-0001');
    expect(resumed?.state).toBe('claimed');
    expect(resumed?.pauses).toEqual([{ from: '2026-11-20T03:00:00.000Z', to: '2026-11-20T05:00:00.000Z' }]);
    // Nobody else can answer for the reporter.
    await h.say('ou_someone_else', '/诉求 回复 Q-2026-0001 我来回复', 'oc_dm_else');
    expect(textsTo(h, 'oc_dm_else').at(-1)).toContain('不是你提交的诉求');

    // Resolved; the reporter rates 2: reopened for the claimer, the head told.
    await h.click(
      officer,
      { a: 'ticket.act', id: 'Q-2026-0001', d: 'resolve', v: 1 },
      { form: { message: '已报修' } },
    );
    expect(textsTo(h, REPORTER).at(-1)).toContain('已处理完毕');
    const rated = await h.click(
      REPORTER,
      { a: 'ticket.rate', id: 'Q-2026-0001', v: 1 },
      { form: { score: '2', comment: '还是没热水' } },
    );
    expect(rated.toast?.content).toBe('谢谢你的评价');
    expect((await ticketOf(h, 'Q-2026-0001'))?.state).toBe('claimed');
    expect(textsTo(h, HEAD).join('\n')).toContain('评价 2 分，已重新处理');
    await h.click(
      officer,
      { a: 'ticket.act', id: 'Q-2026-0001', d: 'resolve', v: 1 },
      { form: { message: '已更换热水器' } },
    );
    await h.click(REPORTER, { a: 'ticket.rate', id: 'Q-2026-0001', v: 1 }, { form: { score: '5' } });
    const closed = await ticketOf(h, 'Q-2026-0001');
    expect(closed?.state).toBe('closed');
    expect(closed?.trail.map((e) => e.action)).toEqual([
      'filed',
      'claimed',
      'asked',
      'answered',
      'resolved',
      'rated',
      'reopened',
      'resolved',
      'rated',
      'closed',
    ]);
    // The reporter's one card was updated in place (patched), not sent again.
    expect(cardsTo(h, REPORTER_CHAT)).toHaveLength(1);
    expect(h.sender.sent.filter((m) => m.kind === 'patch').length).toBeGreaterThan(4);

    // Sealed: no store key or value, no message to anyone else, no log line holds the
    // reporter's open_id, their chat, or the id of the message they filed with.
    // A second anonymous reporter files through the form: the form card's message id (which
    // becomes their status card) is kept sealed, and so is nothing else of theirs.
    const FORM_REPORTER = 'ou_form_reporter_secret';
    const formCard = 'om_formcardsecret0001';
    const viaForm = await h.click(
      FORM_REPORTER,
      { a: 'ticket.file', v: 1 },
      {
        form: { category: 'canteen', text: '二食堂的菜有虫子', anonymous: 'yes', cosignable: 'no' },
        messageId: formCard,
      },
    );
    expect(viaForm.toast?.content).toBe('已提交 Q-2026-0002');
    await h.click(officer, { a: 'ticket.claim', id: 'Q-2026-0002', v: 1 });
    // The form card is the reporter's card: it is updated in place (patched by its id).
    expect(h.sender.sent.some((m) => m.kind === 'patch' && m.messageId === formCard)).toBe(true);

    const secrets = [REPORTER, REPORTER_CHAT, filedMessage, FORM_REPORTER, formCard];
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${h.prefix}*`);
    const dump: string[] = [...keys];
    for (const key of keys) {
      const type = await redis.type(key);
      if (type === 'string') dump.push((await redis.get(key)) ?? '');
      else if (type === 'set') dump.push(...(await redis.smembers(key)));
      else if (type === 'zset') dump.push(...(await redis.zrange(key, '0', '-1')));
      else if (type === 'hash') dump.push(JSON.stringify(await redis.hgetall(key)));
      else if (type === 'stream') dump.push(JSON.stringify(await redis.xrange(key, '-', '+')));
    }
    redis.disconnect();
    expect(keys.length).toBeGreaterThan(5);
    // What went to anyone but the reporters (their own card's updates go to them).
    const toOthers = h.sender.sent
      .filter((m) => to(m) !== REPORTER && to(m) !== REPORTER_CHAT && to(m) !== FORM_REPORTER)
      .filter((m) => !(m.kind === 'patch' && m.messageId === formCard))
      .map((m) => JSON.stringify(m));
    for (const secret of secrets) {
      expect(dump.filter((d) => d.includes(secret))).toEqual([]);
      expect(toOthers.filter((m) => m.includes(secret))).toEqual([]);
      expect(h.logs.filter((l) => l.includes(secret))).toEqual([]);
    }
    expect(h.logs.filter((l) => l.includes('热水器'))).toEqual([]);
  });
});

describe('grievances: unsealing', () => {
  it('only a League-committee advisor, with a reason; recorded and told to the presidium', async () => {
    const h = await harness();
    await h.say(REPORTER, '/诉求 匿名 安全 有人在宿舍楼道里违规使用大功率电器', REPORTER_CHAT);
    const noRight = await h.click(
      OFFICER,
      { a: 'ticket.unseal', id: 'Q-2026-0001', v: 1 },
      { form: { reason: '想知道' } },
    );
    expect(noRight.toast?.content).toBe('只有校团委老师可以解封匿名身份');
    const noReason = await h.click(
      'ou_league_committee',
      { a: 'ticket.unseal', id: 'Q-2026-0001', v: 1 },
      { form: { reason: ' ' } },
    );
    expect(noReason.toast?.content).toBe('解封须写明理由');
    const done = await h.click(
      'ou_league_committee',
      { a: 'ticket.unseal', id: 'Q-2026-0001', v: 1 },
      { form: { reason: '涉及人身安全，需要当面核实' } },
    );
    expect(done.toast?.type).toBe('success');
    expect(textsTo(h, 'ou_league_committee').at(-1)).toContain(REPORTER);
    const told = textsTo(h, 'ou_presidium_1').at(-1) ?? '';
    expect(told).toContain('依规解封');
    expect(told).not.toContain(REPORTER);
    expect((await ticketOf(h, 'Q-2026-0001'))?.trail.at(-1)).toMatchObject({
      action: 'unsealed',
      by: 'ou_league_committee',
      note: '涉及人身安全，需要当面核实',
    });
  });
});

describe('grievances: filing', () => {
  it('asks the category when only text is given, offers co-signing on a near-duplicate (not on an unrelated text), and counts co-signers', async () => {
    const h = await harness();
    await h.say('ou_student_a', '/诉求 宿舍 3号楼热水器坏了一周了', 'oc_dm_a');
    // Text alone: one button per category.
    await h.say('ou_student_b', '/诉求 3号楼的热水器坏了一个星期了', 'oc_dm_b');
    const picker = cardsTo(h, 'oc_dm_b').at(-1);
    expect(cardText(picker)).toContain('请选择问题类别');
    const dorm = { a: 'ticket.file', v: 1, c: 'dorm', t: '3号楼的热水器坏了一个星期了', an: 0 };
    const offered = await h.click('ou_student_b', dorm);
    expect(JSON.stringify(offered.card?.data)).toContain('已有相似的诉求');
    expect(await ticketOf(h, 'Q-2026-0002')).toBeUndefined();
    // Co-signing it instead.
    const cosigned = await h.click('ou_student_b', { a: 'ticket.cosign', id: 'Q-2026-0001', v: 1 });
    expect(cosigned.toast?.content).toContain('已附议 Q-2026-0001（共 1 人）');
    await h.say('ou_student_b', '/附议 Q-2026-0001', 'oc_dm_b');
    expect(textsTo(h, 'oc_dm_b').at(-1)).toContain('你已经附议过');
    await h.say('ou_student_a', '/附议 Q-2026-0001', 'oc_dm_a');
    expect(textsTo(h, 'oc_dm_a').at(-1)).toContain('自己提交的');
    // "File mine anyway" still files.
    await h.click('ou_student_b', { ...dorm, f: 1 });
    expect((await ticketOf(h, 'Q-2026-0002'))?.text).toBe('3号楼的热水器坏了一个星期了');
    // Unrelated text in the same category: no offer.
    await h.say('ou_student_c', '/诉求 宿舍 晚上十一点以后楼道太吵', 'oc_dm_c');
    expect((await ticketOf(h, 'Q-2026-0003'))?.category).toBe('dorm');
    // The co-signer is told the outcome.
    await h.click(
      OFFICER,
      { a: 'ticket.act', id: 'Q-2026-0001', d: 'resolve', v: 1 },
      { form: { message: '已修好' } },
    );
    expect(textsTo(h, 'ou_student_b').at(-1)).toContain('你附议的 Q-2026-0001（宿舍）已处理完毕：已修好');
  });

  it('refuses bad input with every problem named, and stores nothing', async () => {
    const h = await harness();
    const answer = await h.click(
      'ou_student_a',
      { a: 'ticket.file', v: 1 },
      { form: { category: 'nope', text: ' ' } },
    );
    expect(answer.toast?.content).toContain('请写下问题描述');
    expect(answer.toast?.content).toContain('请选择类别（学习、生活、宿舍、食堂、安全、其他）');
    expect(await h.rt.repos.tickets.active()).toEqual([]);
    await h.say('ou_student_a', `/诉求 宿舍 ${'很'.repeat(1001)}`, 'oc_dm_a');
    expect(textsTo(h, 'oc_dm_a').at(-1)).toContain('最多 1000 字');
  });

  it('numbers 200 tickets filed at once, by two replicas, without a gap or a repeat', async () => {
    const h = await harness();
    const second = await harness(h.prefix);
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        (i % 2 ? h : second).rt.app.request(
          '/lark/events',
          signedRequest(
            h,
            makeMessageEvent({
              text: `/诉求 其他 问题 ${i} 号 ${randomUUID()}`,
              senderOpenId: `ou_s_${i}`,
              chatId: `oc_s_${i}`,
            }),
          ),
        ),
      ),
    );
    // The inbox only: 400 triage cards to two officers would wait on Feishu's per-chat rate limit.
    const drain = async (x: Harness) => {
      while ((await x.rt.inbox.drain()) > 0) {
        // until both replicas have handled everything
      }
    };
    await Promise.all([drain(h), drain(second)]);
    const ids = (await h.rt.repos.tickets.active()).map((t) => t.id).sort();
    expect(ids).toHaveLength(200);
    expect(new Set(ids).size).toBe(200);
    expect(ids.at(-1)).toBe('Q-2026-0200');
  }, 60_000);
});

describe('grievances: routing', () => {
  it('sends a college category to the student’s college union (the form asks the college), else to 权益部', async () => {
    const org = parseOrg(
      `${TEST_ORG_YAML.replace(
        '  - id: academic\n    name: 学术部\n',
        `  - id: academic\n    name: 学术部\n  - id: rights\n    name: 权益部\n    heads: [郑部长 <${HEAD}>]\n`,
      )}grievances:\n  categories:\n    - { id: study, name: 学习, unit: college }\n    - { id: dorm, name: 宿舍 }\n`,
    );
    const h = await harness(undefined, org);
    await h.say('ou_student_a', '/诉求', 'oc_dm_a');
    expect(cardText(cardsTo(h, 'oc_dm_a').at(-1))).toContain('你的学院');
    await h.click(
      'ou_student_a',
      { a: 'ticket.file', v: 1 },
      { form: { category: 'study', college: 'cs', text: '选课系统总是崩溃' } },
    );
    expect((await ticketOf(h, 'Q-2026-0001'))?.unit).toBe('college:cs');
    expect(cardText(cardsTo(h, 'ou_leader_cs')[0])).toContain('处理单位：计算机学院学生会');
    expect(cardsTo(h, HEAD)).toHaveLength(0);
    // math has no union leaders: the school's 权益部 handles it.
    await h.click(
      'ou_student_b',
      { a: 'ticket.file', v: 1 },
      { form: { category: 'study', college: 'math', text: '自习室不够' } },
    );
    expect((await ticketOf(h, 'Q-2026-0002'))?.unit).toBe('school');
    expect(cardsTo(h, HEAD)).toHaveLength(1);
  });
});

describe('grievances: queues', () => {
  it('/工单 lists the open tickets oldest first for the unit, /待办 has the claimed ones, /我的 the student’s own', async () => {
    const h = await harness();
    await h.say('ou_student_a', '/诉求 食堂 二食堂的饭菜价格涨了', 'oc_dm_a');
    h.clock.set('2026-11-20T04:00:00.000Z');
    await h.say('ou_student_a', '/诉求 匿名 学习 图书馆座位不够', 'oc_dm_a');
    await h.say(OFFICER, '/工单', 'oc_dm_officer');
    const queue = cardText(cardsTo(h, 'oc_dm_officer').at(-1));
    expect(queue).toContain('待处理的诉求（2 条）');
    expect(queue.indexOf('Q-2026-0001')).toBeLessThan(queue.indexOf('Q-2026-0002'));
    expect(queue).toContain('首次回复剩 22 小时');
    expect(queue).toContain('匿名同学#2');
    await h.say('ou_student_a', '/工单', 'oc_dm_a');
    expect(textsTo(h, 'oc_dm_a').at(-1)).toContain('的权限');
    await h.click(OFFICER, { a: 'ticket.claim', id: 'Q-2026-0001', v: 1 });
    await h.say(OFFICER, '/待办', 'oc_dm_officer');
    const pending = cardText(cardsTo(h, 'oc_dm_officer').at(-1));
    expect(pending).toContain('Q-2026-0001 食堂（处理中）');
    expect(pending).toContain('Q-2026-0002 学习（待认领）');
    // Answered: the resolution clock runs (7 days from filing); waiting on the student: paused.
    await h.click(
      OFFICER,
      { a: 'ticket.act', id: 'Q-2026-0001', d: 'reply', v: 1 },
      { form: { message: '已反映给后勤' } },
    );
    await h.click(
      OFFICER,
      { a: 'ticket.act', id: 'Q-2026-0002', d: 'ask', v: 1 },
      { form: { message: '哪个校区？' } },
    );
    await h.say(OFFICER, '/工单', 'oc_dm_officer');
    const later = cardText(cardsTo(h, 'oc_dm_officer').at(-1));
    expect(later).toContain('Q-2026-0001 食堂 · 处理中 · 提出人 · 已等 2 小时 · 解决时限剩 166 小时');
    expect(later).toContain('等待学生，时限暂停');
    await h.say('ou_student_a', '/我的', 'oc_dm_a');
    const mine = cardText(cardsTo(h, 'oc_dm_a').at(-1));
    expect(mine).toContain('我的诉求');
    expect(mine).toContain('Q-2026-0002 学习 · 等待学生补充');
    expect(mine).toContain('Q-2026-0001 食堂 · 处理中');
  });
});
