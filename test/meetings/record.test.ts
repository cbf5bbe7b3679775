import { describe, expect, it } from 'vitest';
import { renderCardText } from '../../src/cards/render-text.ts';
import { testRuntime } from '../helpers/test-runtime.ts';
import { meetingKeys, NOW, say, stored, submitForm, twoUnitOrg } from './helpers.ts';

describe('/meeting on the command line', () => {
  it('records the presidium’s meeting for the school union and says so', async () => {
    const rt = await testRuntime({ now: NOW });
    await say(rt, 'ou_presidium_1', '/学习会 2026-11-20 学习全会精神 15人');
    const record = await stored(rt, '2026-11', 'school');
    expect(record).toMatchObject({ v: 1, unit: 'school', month: '2026-11' });
    expect(record?.meetings).toHaveLength(1);
    expect(record?.meetings[0]).toMatchObject({
      date: '2026-11-20',
      topic: '学习全会精神',
      attendance: 15,
      recordedBy: 'ou_presidium_1',
      recordedAt: '2026-11-25T02:00:00.000Z',
    });
    expect(record?.meetings[0]?.minutesUrl).toBeUndefined();
    const [reply] = rt.sender.texts();
    expect(reply).toContain('已记录校学生会的学习会');
    expect(reply).toContain('日期：2026-11-20');
    expect(reply).toContain('主题：学习全会精神');
    expect(reply).toContain('出席：15 人');
    expect(reply).toContain('校学生会 2026-11 共记录 1 次学习会');
  });

  it('takes today by default, a topic of several words, a count in English and a minutes link', async () => {
    const rt = await testRuntime({ now: NOW });
    await say(rt, 'ou_presidium_1', '/meeting Plenary session study 12 people https://docs.example.com/m/1');
    await say(rt, 'ou_presidium_1', '/学习会 昨天 主题教育');
    const record = await stored(rt, '2026-11', 'school');
    expect(record?.meetings.map((m) => [m.date, m.topic, m.attendance, m.minutesUrl])).toEqual([
      ['2026-11-24', '主题教育', null, undefined],
      ['2026-11-25', 'Plenary session study', 12, 'https://docs.example.com/m/1'],
    ]);
    expect(rt.sender.texts()[1]).toContain('出席：未填写');
    expect(rt.sender.texts()[1]).toContain('共记录 2 次');
  });

  it.each([
    ['11-20', '2026-11-20'],
    ['11/20', '2026-11-20'],
    ['今天', '2026-11-25'],
    ['today', '2026-11-25'],
    ['yesterday', '2026-11-24'],
  ])('reads the date %s', async (word, date) => {
    const rt = await testRuntime({ now: NOW });
    await say(rt, 'ou_presidium_1', `/学习会 ${word} 学习 15人`);
    expect((await stored(rt, '2026-11', 'school'))?.meetings[0]?.date).toBe(date);
  });

  it('files a meeting of last month under last month', async () => {
    const rt = await testRuntime({ now: NOW });
    await say(rt, 'ou_leader_cs', '/学习会 10-30 十月学习 9人');
    expect((await stored(rt, '2026-10', 'cs'))?.meetings[0]?.topic).toBe('十月学习');
    expect(await stored(rt, '2026-11', 'cs')).toBeNull();
    expect(rt.sender.texts()[0]).toContain('计算机学院 2026-10 共记录 1 次学习会');
  });

  it('lets a college leader record for their college only', async () => {
    const rt = await testRuntime({ now: NOW });
    await say(rt, 'ou_leader_cs', '/学习会 昨天 主题教育 20人');
    expect((await stored(rt, '2026-11', 'cs'))?.meetings[0]).toMatchObject({
      topic: '主题教育',
      attendance: 20,
    });
    const before = meetingKeys(rt);
    await say(rt, 'ou_leader_cs', '/学习会 数学学院 昨天 主题教育 20人');
    await say(rt, 'ou_leader_cs', '/学习会 school 昨天 主题教育 20人');
    expect(rt.sender.texts().slice(1)).toEqual([
      '你不负责数学学院，不能为它记录学习会。',
      '你不负责校学生会，不能为它记录学习会。',
    ]);
    expect(meetingKeys(rt)).toEqual(before);
  });

  it('refuses a student', async () => {
    const rt = await testRuntime({ now: NOW });
    await say(rt, 'ou_student_1', '/学习会 11-20 学习 15人');
    expect(rt.sender.texts()[0]).toContain('你没有使用 /学习会 的权限');
    expect(meetingKeys(rt)).toEqual({});
  });

  it('refuses a League branch teacher who leads no unit, though they may list', async () => {
    const rt = await testRuntime({ now: NOW });
    await say(rt, 'ou_league_cs', '/学习会 11-20 学习 15人');
    expect(rt.sender.texts()[0]).toContain('你不负责任何单位的学习会记录');
    expect(meetingKeys(rt)).toEqual({});
  });

  it('makes someone who leads two units name one, by name or id', async () => {
    const rt = await testRuntime({ now: NOW, org: twoUnitOrg() });
    await say(rt, 'ou_presidium_1', '/学习会 11-20 学习全会精神 15人');
    expect(rt.sender.texts()[0]).toContain('你负责多个单位');
    expect(rt.sender.texts()[0]).toContain('校学生会（school）、计算机学院（cs）');
    expect(meetingKeys(rt)).toEqual({});
    await say(rt, 'ou_presidium_1', '/学习会 计算机学院 11-20 学习全会精神 15人');
    await say(rt, 'ou_presidium_1', '/学习会 11-21 SCHOOL 校级学习 30人');
    expect((await stored(rt, '2026-11', 'cs'))?.meetings.map((m) => m.topic)).toEqual(['学习全会精神']);
    expect((await stored(rt, '2026-11', 'school'))?.meetings.map((m) => m.topic)).toEqual(['校级学习']);
  });
});

describe('/meeting refuses bad input and stores nothing', () => {
  it.each([
    ['a future date', '/学习会 2026-11-26 学习 15人', '日期不能晚于今天（2026-11-25）'],
    ['tomorrow', '/学习会 明天 学习 15人', '日期不能晚于今天（2026-11-25）'],
    ['a date more than 62 days back', '/学习会 2026-09-23 学习 15人', '日期距今超过 62 天，不能再补记'],
    [
      'a date that does not exist',
      '/学习会 2026-02-30 学习 15人',
      '日期“2026-02-30”看不懂，请写成 2026-11-20、11-20、11/20、11月20日、今天或昨天',
    ],
    [
      'a link that is not http(s)',
      '/学习会 11-20 学习 15人 ftp://example.com/m',
      '纪要链接须是以 http:// 或 https:// 开头',
    ],
    [
      'a link without a scheme',
      '/学习会 11-20 学习 15人 www.example.com',
      '纪要链接须是以 http:// 或 https:// 开头',
    ],
    ['0 people', '/学习会 11-20 学习 0人', '出席人数应为正整数'],
    ['half a person', '/学习会 11-20 学习 1.5人', '出席人数应为正整数'],
    ['no topic', '/学习会 11-20 15人', '请写上学习会的主题'],
    ['a topic over 100 characters', `/学习会 11-20 ${'学'.repeat(101)} 15人`, '主题最多 100 个字'],
    ['two head counts', '/学习会 11-20 学习 15人 16人', '出席人数：只能写一个'],
  ])('refuses %s', async (_name, text, message) => {
    const rt = await testRuntime({ now: NOW });
    await say(rt, 'ou_presidium_1', text);
    const [reply] = rt.sender.texts();
    expect(reply).toContain('没有记录：');
    expect(reply).toContain(message);
    expect(meetingKeys(rt)).toEqual({});
  });

  it('names every problem when there are several', async () => {
    const rt = await testRuntime({ now: NOW });
    await say(rt, 'ou_presidium_1', '/学习会 2026-12-01 0人 ftp://x.org');
    const [reply] = rt.sender.texts();
    expect(reply).toContain('日期：日期不能晚于今天');
    expect(reply).toContain('主题：请写上学习会的主题');
    expect(reply).toContain('出席人数：出席人数应为正整数');
    expect(reply).toContain('纪要链接：纪要链接须是');
  });

  it('refuses the same unit, date and topic twice ("已经记录过")', async () => {
    const rt = await testRuntime({ now: NOW });
    await say(rt, 'ou_presidium_1', '/学习会 11-20 学习全会精神 15人');
    const before = meetingKeys(rt);
    await say(rt, 'ou_presidium_1', '/学习会 2026-11-20  学习全会精神 18人');
    expect(rt.sender.texts()[1]).toBe(
      '校学生会 2026-11-20 的学习会“学习全会精神”已经记录过了，没有重复记录。',
    );
    expect(meetingKeys(rt)).toEqual(before);
    // Another topic the same day, or the same topic another day, is another meeting.
    await say(rt, 'ou_presidium_1', '/学习会 11-20 学习党史 15人');
    await say(rt, 'ou_presidium_1', '/学习会 11-21 学习全会精神 15人');
    expect((await stored(rt, '2026-11', 'school'))?.meetings).toHaveLength(3);
  });
});

describe('the /meeting form', () => {
  it('is a schema-2.0 form with the person’s units to choose from when they lead several', async () => {
    const rt = await testRuntime({ now: NOW, org: twoUnitOrg() });
    await say(rt, 'ou_presidium_1', '/学习会');
    const [card] = rt.sender.cards() as [Record<string, unknown>];
    expect(card.schema).toBe('2.0');
    const form = (
      card.body as { elements: { tag: string; elements?: Record<string, unknown>[] }[] }
    ).elements.find((e) => e.tag === 'form');
    const byName = Object.fromEntries((form?.elements ?? []).map((e) => [e.name, e]));
    expect(byName.unit).toMatchObject({
      tag: 'select_static',
      required: true,
      options: [
        { text: { tag: 'plain_text', content: '校学生会' }, value: 'school' },
        { text: { tag: 'plain_text', content: '计算机学院' }, value: 'cs' },
      ],
    });
    expect(byName.date).toMatchObject({ tag: 'date_picker', initial_date: '2026-11-25' });
    expect(byName.topic).toMatchObject({ tag: 'input', required: true, max_length: 100 });
    expect(byName.attendance).toMatchObject({ tag: 'input', required: true });
    expect(byName.minutes).toMatchObject({ tag: 'input', required: false });
    const rendered = renderCardText(card);
    expect(rendered.buttons).toHaveLength(1);
    expect(rendered.buttons[0]?.value).toEqual({ a: 'meeting.record', v: 1 });
    expect(rendered.buttons[0]?.form?.fields.map((f) => f.name)).toEqual([
      'unit',
      'date',
      'topic',
      'attendance',
      'minutes',
    ]);
  });

  it('has no unit choice for someone who leads one unit', async () => {
    const rt = await testRuntime({ now: NOW });
    await say(rt, 'ou_leader_cs', '/学习会');
    const rendered = renderCardText(rt.sender.cards()[0]);
    expect(rendered.text).toContain('为计算机学院记录一次学习会');
    expect(rendered.buttons[0]?.form?.fields.map((f) => f.name)).toEqual([
      'date',
      'topic',
      'attendance',
      'minutes',
    ]);
  });

  it('records the same as the command line, and answers in the callback', async () => {
    const rt = await testRuntime({ now: NOW });
    const body = await submitForm(rt, 'ou_leader_cs', {
      date: '2026-11-20 +0800',
      topic: '学习全会精神',
      attendance: '15',
      minutes: 'https://docs.example.com/m/1',
    });
    expect(body.toast).toEqual({ type: 'success', content: '已记录，计算机学院 2026-11 共 1 次学习会' });
    expect(body.card?.data.schema).toBe('2.0');
    const text = renderCardText(body.card?.data).text;
    expect(text).toContain('已记录计算机学院的学习会');
    expect(text).toContain('主题：学习全会精神');
    expect(text).toContain('纪要：https://docs.example.com/m/1');
    expect((await stored(rt, '2026-11', 'cs'))?.meetings[0]).toMatchObject({
      date: '2026-11-20',
      topic: '学习全会精神',
      attendance: 15,
      minutesUrl: 'https://docs.example.com/m/1',
      recordedBy: 'ou_leader_cs',
    });
    // The command line with the same meeting is a repeat.
    await say(rt, 'ou_leader_cs', '/学习会 11-20 学习全会精神 15人');
    expect(rt.sender.texts()[0]).toContain('已经记录过了');
  });

  it('records for the unit chosen in the form', async () => {
    const rt = await testRuntime({ now: NOW, org: twoUnitOrg() });
    const body = await submitForm(rt, 'ou_presidium_1', {
      unit: 'cs',
      date: '2026-11-20 +0800',
      topic: '学习',
      attendance: 8,
    });
    expect(body.toast?.type).toBe('success');
    expect((await stored(rt, '2026-11', 'cs'))?.meetings[0]?.attendance).toBe(8);
    expect(await stored(rt, '2026-11', 'school')).toBeNull();
  });

  it('refuses an invalid form naming each bad field, and stores nothing', async () => {
    const rt = await testRuntime({ now: NOW });
    const body = await submitForm(rt, 'ou_leader_cs', {
      date: '2026-12-01 +0800',
      topic: '   ',
      attendance: '0',
      minutes: 'javascript:alert(1)',
    });
    expect(body.toast?.type).toBe('error');
    expect(body.toast?.content).toContain('表单有误，没有记录');
    for (const field of ['日期：', '主题：', '出席人数：', '纪要链接：'])
      expect(body.toast?.content).toContain(field);
    expect(body.card).toBeUndefined();
    expect(meetingKeys(rt)).toEqual({});
  });

  it('asks for the attendance in the form', async () => {
    const rt = await testRuntime({ now: NOW });
    const body = await submitForm(rt, 'ou_leader_cs', { date: '2026-11-20 +0800', topic: '学习' });
    expect(body.toast?.content).toBe('表单有误，没有记录：出席人数：请填写出席人数');
    expect(meetingKeys(rt)).toEqual({});
  });

  it('makes someone who leads two units choose one in the form', async () => {
    const rt = await testRuntime({ now: NOW, org: twoUnitOrg() });
    const body = await submitForm(rt, 'ou_presidium_1', {
      date: '2026-11-20 +0800',
      topic: '学习',
      attendance: '8',
    });
    expect(body.toast?.content).toContain('你负责多个单位');
    expect(meetingKeys(rt)).toEqual({});
  });

  it('refuses a forged submission from someone who leads no unit', async () => {
    const rt = await testRuntime({ now: NOW });
    const before = meetingKeys(rt);
    const body = await submitForm(rt, 'ou_student_1', {
      unit: 'school',
      date: '2026-11-20 +0800',
      topic: '学习',
      attendance: '15',
    });
    expect(body.toast).toEqual({ type: 'error', content: expect.stringContaining('你不负责任何单位') });
    expect(meetingKeys(rt)).toEqual(before);
  });

  it('refuses a form for a unit the clicker does not lead', async () => {
    const rt = await testRuntime({ now: NOW });
    const body = await submitForm(rt, 'ou_leader_cs', {
      unit: 'math',
      date: '2026-11-20 +0800',
      topic: '学习',
      attendance: '15',
    });
    expect(body.toast?.content).toBe('你不负责数学学院，不能为它记录学习会。');
    expect(meetingKeys(rt)).toEqual({});
  });

  it('refuses a value with extra or wrong fields', async () => {
    const rt = await testRuntime({ now: NOW });
    const body = await submitForm(
      rt,
      'ou_leader_cs',
      { topic: '学习', attendance: '1' },
      { a: 'meeting.record', v: 2 },
    );
    expect(body.toast?.content).toContain('这个按钮已失效');
    expect(meetingKeys(rt)).toEqual({});
  });
});

describe('concurrent recordings', () => {
  it('keeps all 20 recordings of one unit made at once (memory store)', async () => {
    const rt = await testRuntime({ now: NOW });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        say(rt, 'ou_leader_cs', `/学习会 11-20 第${i + 1}讲 10人`, `oc_chat_${i}`),
      ),
    );
    await rt.settle();
    const topics = (await stored(rt, '2026-11', 'cs'))?.meetings.map((m) => m.topic) ?? [];
    expect(topics).toHaveLength(20);
    expect(new Set(topics)).toEqual(new Set(Array.from({ length: 20 }, (_, i) => `第${i + 1}讲`)));
  });
});

describe('/meeting list', () => {
  it('shows every unit this month, held with dates and topics or not yet', async () => {
    const rt = await testRuntime({ now: NOW });
    await say(rt, 'ou_presidium_1', '/学习会 11-05 学习*全会*精神 30人 https://docs.example.com/a(b)');
    await say(rt, 'ou_presidium_1', '/学习会 11-20 主题教育');
    await say(rt, 'ou_leader_cs', '/学习会 10-30 十月学习 9人');
    await say(rt, 'ou_league_math', '/学习会 列表');
    const card = rt.sender.cards()[0] as Record<string, unknown>;
    expect(JSON.stringify(card)).toContain('学习&#42;全会&#42;精神');
    expect(JSON.stringify(card)).toContain('(https://docs.example.com/a%28b%29)');
    const text = renderCardText(card).text;
    expect(text).toContain('2026-11 学习会情况');
    expect(text).toContain('1/3 个单位已召开');
    expect(text).toContain('✓ 校学生会：2 次');
    expect(text).toContain('· 11-05 学习*全会*精神（30 人）');
    expect(text).toContain('· 11-20 主题教育');
    expect(text).toContain('✗ 计算机学院：尚未召开');
    expect(text).toContain('✗ 数学学院：尚未召开');
  });

  it('shows another month when asked, to the League committee', async () => {
    const rt = await testRuntime({ now: NOW });
    await say(rt, 'ou_leader_cs', '/学习会 10-30 十月学习 9人');
    await say(rt, 'ou_league_committee', '/meeting list 2026-10');
    const text = renderCardText(rt.sender.cards()[0]).text;
    expect(text).toContain('2026-10 学习会情况');
    expect(text).toContain('✓ 计算机学院：1 次');
    await say(rt, 'ou_league_committee', '/meeting list 2026-13');
    expect(rt.sender.texts().at(-1)).toBe('月份格式应为 YYYY-MM，例如 2026-11');
  });

  it('takes "list" followed by other words as a topic', async () => {
    const rt = await testRuntime({ now: NOW });
    await say(rt, 'ou_presidium_1', '/meeting list of readings 15 people');
    expect((await stored(rt, '2026-11', 'school'))?.meetings[0]?.topic).toBe('list of readings');
  });

  it('is in the work section of a college leader’s help', async () => {
    const rt = await testRuntime({ now: NOW });
    await say(rt, 'ou_leader_cs', '/帮助');
    const help = renderCardText(rt.sender.cards()[0]);
    expect(help.buttons.map((b) => b.label)).toContain('学生会工作');
    expect(help.text).toContain('/学习会 [单位] [日期] [主题] [人数] [纪要链接]');
  });

  it('is not for students', async () => {
    const rt = await testRuntime({ now: NOW });
    await say(rt, 'ou_student_1', '/学习会 列表');
    expect(rt.sender.cards()).toHaveLength(0);
    expect(rt.sender.texts()[0]).toContain('你没有使用 /学习会 的权限');
  });
});
