import { describe, expect, it } from 'vitest';
import { markdown } from '../../src/cards/card.ts';
import { renderCardText } from '../../src/cards/render-text.ts';
import { reportCard } from '../../src/cards/report/report-card.ts';
import { previousMonth } from '../../src/lib/dates.ts';
import { buildReport, reportCardModel } from '../../src/report/report.ts';
import type { ReportSection } from '../../src/report/section.ts';
import { headcountSection } from '../../src/report/sections/headcount.ts';
import { reportSections } from '../../src/report/sections.ts';
import { contextFor } from '../helpers/context.ts';
import { testRuntime } from '../helpers/test-runtime.ts';
import { reportOrg } from './helpers.ts';

async function presidiumContext() {
  const rt = await testRuntime({ org: reportOrg(), now: '2026-11-20T02:00:00Z' });
  return contextFor(rt, 'ou_presidium_1', 'test');
}

const broken: ReportSection = {
  id: 'broken',
  async build() {
    throw new Error('boom');
  },
};

describe('building the report', () => {
  it('runs the study meetings, headcount, recruitment, grievances and activities sections, in order', () => {
    expect(reportSections().map((s) => s.id)).toEqual([
      'study-meetings',
      'headcount',
      'recruitment',
      'grievances',
      'activities',
    ]);
  });

  it('shows a section that throws as failed and keeps the others', async () => {
    const ctx = await presidiumContext();
    const report = await buildReport(ctx, '2026-11', [broken, headcountSection]);
    expect(report.parts.map((p) => p.section)).toEqual(['broken', 'headcount']);
    expect(report.parts[0]?.facts).toEqual({ failed: 1 });
    expect(report.parts[1]?.facts.union).toBe(9);
    const text = renderCardText(reportCard(reportCardModel(ctx, report, { canSend: true }), ctx.t)).text;
    expect(text).toContain('本节生成失败');
    expect(text).toContain('办公室 3/3');
  });

  it('keeps the card under 30 KB and 200 elements, leaving out what does not fit', async () => {
    const ctx = await presidiumContext();
    const huge: ReportSection = {
      id: 'huge',
      async build() {
        return {
          title: '很长',
          elements: Array.from({ length: 400 }, (_, i) => markdown(`第 ${i} 行 ${'字'.repeat(40)}`)),
          facts: {},
        };
      },
    };
    const report = await buildReport(ctx, '2026-11', [huge, headcountSection]);
    const card = reportCard(reportCardModel(ctx, report, { canSend: true }), ctx.t);
    expect(new TextEncoder().encode(JSON.stringify(card)).byteLength).toBeLessThan(30 * 1024);
    expect(card.body.elements.length).toBeLessThan(200);
    const rendered = renderCardText(card);
    expect(rendered.text).toContain('本节内容过多');
    expect(rendered.text).toContain('办公室 3/3');
    expect(rendered.buttons.map((b) => b.value)).toEqual([{ a: 'report.send', m: '2026-11', v: 1 }]);
  });

  it('knows the month before', () => {
    expect(previousMonth('2026-11')).toBe('2026-10');
    expect(previousMonth('2026-01')).toBe('2025-12');
  });
});
