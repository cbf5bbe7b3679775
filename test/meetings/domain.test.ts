import { describe, expect, it } from 'vitest';
import { parsePersonRef } from '../../src/config/org.ts';
import {
  appendMeeting,
  chooseUnit,
  dateProblem,
  emptyMonth,
  groupByAdvisors,
  type Meeting,
  parseAttendance,
  parseMeetingDate,
  parseMeetingMonth,
  parseMinutesUrl,
  splitMeetingLine,
  unitsBehind,
} from '../../src/domain/meetings.ts';
import type { Unit } from '../../src/domain/units.ts';
import { previousMonth } from '../../src/lib/dates.ts';

const person = (s: string) => parsePersonRef(s)!;
const unit = (id: string, advisors: string[] = [], leaders: string[] = []): Unit => ({
  id,
  name: id.toUpperCase(),
  level: 'college',
  leaders: leaders.map(person),
  advisors: advisors.map(person),
});
const meeting = (date: string, topic: string): Meeting => ({
  id: `${date}-${topic}`,
  date,
  topic,
  attendance: null,
  recordedBy: 'ou_x',
  recordedAt: '2026-11-25T02:00:00.000Z',
});

describe('meeting dates', () => {
  const today = '2026-11-25';
  it.each([
    ['2026-11-20', '2026-11-20'],
    ['2026/11/5', '2026-11-05'],
    ['11-20', '2026-11-20'],
    ['11/20', '2026-11-20'],
    ['11月20日', '2026-11-20'],
    ['今天', '2026-11-25'],
    ['TODAY', '2026-11-25'],
    ['昨天', '2026-11-24'],
    ['2026-11-20 +0800', '2026-11-20'],
    ['2026-02-30', undefined],
    ['13-01', undefined],
    ['学习', undefined],
  ])('reads %s as %s', (text, date) => {
    expect(parseMeetingDate(text, today)).toBe(date);
  });

  it('takes a day without a year from last year when this year’s is still to come (early January)', () => {
    expect(parseMeetingDate('12-28', '2027-01-05')).toBe('2026-12-28');
    // …but not when last year's is too old to record: then it is this year's, refused as future.
    expect(parseMeetingDate('11-30', '2026-11-25')).toBe('2026-11-30');
  });

  it('allows today back to 62 days ago', () => {
    expect(dateProblem('2026-11-25', '2026-11-25')).toBeUndefined();
    expect(dateProblem('2026-11-26', '2026-11-25')).toBe('future');
    expect(dateProblem('2026-09-24', '2026-11-25')).toBeUndefined();
    expect(dateProblem('2026-09-23', '2026-11-25')).toBe('tooOld');
  });

  it('knows the month before', () => {
    expect(previousMonth('2026-11')).toBe('2026-10');
    expect(previousMonth('2027-01')).toBe('2026-12');
  });
});

describe('attendance and links', () => {
  it.each([
    ['15', 15],
    ['15人', 15],
    ['15 people', 15],
    ['0', undefined],
    ['-3', undefined],
    ['1.5', undefined],
    ['十五', undefined],
    ['99999', undefined],
  ])('reads attendance %s as %s', (text, n) => {
    expect(parseAttendance(text)).toBe(n);
  });

  it.each([
    ['https://docs.example.com/m/1', 'https://docs.example.com/m/1'],
    ['http://example.com', 'http://example.com/'],
    ['ftp://example.com', undefined],
    ['javascript:alert(1)', undefined],
    ['www.example.com', undefined],
    ['https://', undefined],
  ])('takes %s as a minutes link: %s', (text, url) => {
    expect(parseMinutesUrl(text)).toBe(url);
  });
});

describe('the command line', () => {
  const isUnit = (w: string) => ['cs', '计算机学院'].includes(w);
  it('finds the unit and date first, a count and a link anywhere, the rest is the topic', () => {
    expect(
      splitMeetingLine(['计算机学院', '11-20', '学习', '全会', '15人', 'https://x.org/m'], isUnit),
    ).toEqual({
      unit: '计算机学院',
      date: '11-20',
      topic: '学习 全会',
      attendance: '15人',
      minutes: 'https://x.org/m',
    });
    expect(splitMeetingLine(['11-20', 'cs', '学习', '15', 'people'], isUnit)).toEqual({
      unit: 'cs',
      date: '11-20',
      topic: '学习',
      attendance: '15',
    });
    // A unit name later on is part of the topic.
    expect(splitMeetingLine(['学习', 'cs'], isUnit)).toEqual({ topic: '学习 cs' });
  });

  it('notes a count or a link given twice', () => {
    expect(splitMeetingLine(['学习', '15人', '16人'], isUnit).repeated).toBe('attendance');
    expect(splitMeetingLine(['学习', 'https://a.org', 'https://b.org'], isUnit).repeated).toBe('minutes');
  });
});

describe('units', () => {
  const units = [unit('school'), unit('cs'), unit('math')];
  it('picks the only unit someone leads, or the one they name', () => {
    expect(chooseUnit(units, ['cs'])).toMatchObject({ ok: true, unit: { id: 'cs' } });
    expect(chooseUnit(units, ['school', 'cs'], 'CS')).toMatchObject({ ok: true, unit: { id: 'cs' } });
    expect(chooseUnit(units, ['school', 'cs'], 'MATH')).toMatchObject({
      ok: false,
      problem: 'notYourUnit',
      unit: { id: 'math' },
    });
    expect(chooseUnit(units, ['school', 'cs'])).toEqual({ ok: false, problem: 'whichUnit' });
    expect(chooseUnit(units, ['school'], 'nope')).toEqual({ ok: false, problem: 'unknownUnit' });
    expect(chooseUnit(units, [])).toEqual({ ok: false, problem: 'noUnit' });
  });
});

describe('records', () => {
  it('appends in date order and refuses the same date and topic, whatever the spacing and case', () => {
    let record = emptyMonth('cs', '2026-11');
    for (const m of [meeting('2026-11-20', 'Study  A'), meeting('2026-11-03', 'B')]) {
      const next = appendMeeting(record, m);
      if (!next.ok) throw new Error('refused');
      record = next.record;
    }
    expect(record.meetings.map((m) => m.date)).toEqual(['2026-11-03', '2026-11-20']);
    expect(appendMeeting(record, meeting('2026-11-20', ' study a '))).toEqual({
      ok: false,
      problem: 'duplicate',
    });
    expect(appendMeeting(record, meeting('2026-11-21', 'Study A')).ok).toBe(true);
  });

  it('reads a stored record with zod and refuses a corrupt one', () => {
    expect(parseMeetingMonth(null, 'cs', '2026-11')).toEqual(emptyMonth('cs', '2026-11'));
    const good = { v: 1, unit: 'cs', month: '2026-11', meetings: [meeting('2026-11-03', 'B')] };
    expect(parseMeetingMonth(JSON.stringify(good), 'cs', '2026-11')).toEqual(good);
    expect(() => parseMeetingMonth(JSON.stringify({ ...good, v: 2 }), 'cs', '2026-11')).toThrow();
    expect(() =>
      parseMeetingMonth(
        JSON.stringify({ ...good, meetings: [{ ...good.meetings[0], attendance: 0 }] }),
        'cs',
        '2026-11',
      ),
    ).toThrow();
  });
});

describe('who is behind', () => {
  it('groups the units behind by their advisors, the League committee taking those without', () => {
    const committee = [person('何老师 <ou_league_committee>')];
    const units = [
      unit('school', ['ou_league_committee']),
      unit('cs', ['王老师 <ou_league_cs>']),
      unit('cs-2026', ['ou_league_cs']),
      unit('math', ['ou_league_math']),
      unit('east'),
    ];
    const month = new Map([
      ['math', { ...emptyMonth('math', '2026-11'), meetings: [meeting('2026-11-02', 'x')] }],
    ]);
    const behind = unitsBehind(units, month);
    expect(behind.map((u) => u.id)).toEqual(['school', 'cs', 'cs-2026', 'east']);
    const groups = groupByAdvisors(behind, committee).map((g) => ({
      advisors: g.advisors.map((a) => a.value),
      units: g.units.map((u) => u.id),
    }));
    expect(groups).toEqual([
      { advisors: ['ou_league_committee'], units: ['school', 'east'] },
      { advisors: ['ou_league_cs'], units: ['cs', 'cs-2026'] },
    ]);
  });
});
