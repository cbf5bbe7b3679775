import { describe, expect, it } from 'vitest';
import { renderCardText } from '../../src/cards/render-text.ts';
import { rosterOf, unionMembers } from '../../src/domain/roster.ts';
import { translator } from '../../src/i18n/index.ts';
import { headcountOf, headcountPart } from '../../src/report/sections/headcount.ts';
import { reportOrg } from './helpers.ts';

const t = translator('zh-CN');

function part() {
  const org = reportOrg();
  return headcountPart(headcountOf(rosterOf(org), org.limits, t), t);
}

describe('the headcount section', () => {
  it('counts each person once per unit and once in the union', () => {
    const roster = rosterOf(reportOrg());
    expect(roster.departments.find((d) => d.id === 'academic')?.members).toHaveLength(3);
    expect(unionMembers(roster)).toHaveLength(9);
  });

  it('reports members against the caps of the org file', () => {
    expect(part().facts).toEqual({
      union: 9,
      unionCap: 12,
      presidium: 2,
      presidiumCap: 4,
      'dept.office': 3,
      'dept.office.cap': 3,
      'dept.academic': 3,
      'dept.academic.cap': 9,
      'dept.rights': 3,
      'dept.rights.cap': 2,
      overCap: 1,
    });
  });

  it('shows every unit as count/cap and only the unit over its cap in red', () => {
    const [lines] = part().elements;
    const content = String(lines?.content);
    expect(content).toContain('办公室 3/3');
    expect(content).toContain('学术部 3/9');
    expect(content).toContain("权益部 <font color='red'>3/2 超编 1 人</font>");
    expect(content.match(/<font/g)).toHaveLength(1);
    expect(renderCardText({ body: { elements: [lines] } }).text).toContain('全会（含主席团） 9/12');
  });

  it('charts members next to seats per department', () => {
    const chart = part().elements.find((e) => e.tag === 'chart') as unknown as {
      aspect_ratio: string;
      chart_spec: { type: string; data: { values: unknown[] }; yField: string; seriesField: string };
    };
    expect(chart.aspect_ratio).toBe('16:9');
    expect(chart.chart_spec.type).toBe('bar');
    expect(chart.chart_spec.yField).toBe('count');
    expect(chart.chart_spec.seriesField).toBe('kind');
    expect(chart.chart_spec.data.values).toContainEqual({ department: '权益部', kind: '在编人数', count: 3 });
    expect(chart.chart_spec.data.values).toContainEqual({ department: '权益部', kind: '编制', count: 2 });
    expect(chart.chart_spec.data.values).toHaveLength(6);
  });

  it('escapes department names from the org file', () => {
    const org = reportOrg();
    const roster = rosterOf(org);
    roster.departments[0]!.name = '<at id=all></at>[x](http://e.cn)';
    const content = String(headcountPart(headcountOf(roster, org.limits, t), t).elements[0]?.content);
    expect(content).not.toContain('<at');
    expect(content).not.toContain('](');
  });
});
