import { describe, expect, it } from 'vitest';
import { card } from '../../src/cards/card.ts';
import { renderCardText } from '../../src/cards/render-text.ts';
import { studyMeetingsSection } from '../../src/report/sections/study-meetings.ts';
import { contextFor } from '../helpers/context.ts';
import { testRuntime } from '../helpers/test-runtime.ts';
import { jobOrg, say } from './helpers.ts';

async function recorded() {
  const rt = await testRuntime({ org: jobOrg(), now: '2026-11-25T02:00:00Z' });
  await say(rt, 'ou_presidium_1', '/学习会 11-05 学习全会精神 30人');
  await say(rt, 'ou_presidium_1', '/学习会 11-19 主题教育 28人');
  await say(rt, 'ou_leader_cs', '/学习会 11-12 学院学习 20人');
  await say(rt, 'ou_leader_east', '/学习会 10-28 十月的 5人');
  const ctx = contextFor(rt, 'ou_presidium_1', 'test');
  return { rt, ctx };
}

describe('the study meetings section of the work report', () => {
  it('counts the units and meetings of the month', async () => {
    const { ctx } = await recorded();
    const part = await studyMeetingsSection.build(ctx, '2026-11');
    expect(part.title).toBe('学习会召开情况');
    expect(part.facts).toEqual({ unitsTotal: 5, unitsHeld: 2, meetings: 3 });
    const october = await studyMeetingsSection.build(ctx, '2026-10');
    expect(october.facts).toEqual({ unitsTotal: 5, unitsHeld: 1, meetings: 1 });
  });

  it('lists every unit and charts meetings per unit', async () => {
    const { ctx } = await recorded();
    const part = await studyMeetingsSection.build(ctx, '2026-11');
    const chart = part.elements.find((e) => e.tag === 'chart');
    expect(chart).toEqual({
      tag: 'chart',
      aspect_ratio: '16:9',
      chart_spec: {
        type: 'bar',
        data: {
          values: [
            { unit: '校学生会', meetings: 2 },
            { unit: '计算机学院', meetings: 1 },
            { unit: '数学学院', meetings: 0 },
            { unit: '东校区', meetings: 0 },
            { unit: '计科2026级', meetings: 0 },
          ],
        },
        xField: 'unit',
        yField: 'meetings',
      },
    });
    const text = renderCardText(card(part.title, part.elements)).text;
    expect(text).toContain('2/5 个单位已召开');
    expect(text).toContain('✓ 校学生会：2 次\n· 11-05 学习全会精神（30 人）\n· 11-19 主题教育（28 人）');
    expect(text).toContain('✗ 东校区：尚未召开');
    // The local chat shows the chart as one line per unit.
    expect(text).toContain('▇ 校学生会 2\n▇ 计算机学院 1\n▇ 数学学院 0');
  });
});

describe('a chart in the local chat', () => {
  it('shows each data value with its x fields', () => {
    const text = renderCardText(
      card('t', [
        {
          tag: 'chart',
          chart_spec: {
            type: 'bar',
            data: [{ id: 'a', values: [{ d: '办公室', kind: '成员', n: 3 }] }],
            xField: ['d', 'kind'],
            yField: 'n',
          },
        },
      ]),
    ).text;
    expect(text).toContain('▇ 办公室 · 成员 3');
  });
});
