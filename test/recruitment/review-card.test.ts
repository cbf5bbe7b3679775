import { describe, expect, it } from 'vitest';
import { approvalCard, decidedCard } from '../../src/cards/recruitment/approval-card.ts';
import { renderCardText } from '../../src/cards/render-text.ts';
import type { Application } from '../../src/domain/recruitment.ts';
import { translator } from '../../src/i18n/index.ts';
import { makeApplication } from '../helpers/applications.ts';
import { reviewOrg } from './review-helpers.ts';

const org = reviewOrg();
const t = translator('zh-CN');

function application(over: Partial<Application> = {}): Application {
  return makeApplication({
    id: 'R-2026-0007',
    applicant: { ...makeApplication().applicant, name: '张三<at id=all></at>', studentNo: '2024000123' },
    reason: '**想** [点我](https://evil.example)',
    ...over,
  });
}

describe('the approval card', () => {
  it('shows the applicant, choices, trail and stage, with user text escaped', () => {
    const c = approvalCard(application(), org, t);
    expect(c).toMatchObject({ schema: '2.0', config: { update_multi: true } });
    const raw = JSON.stringify(c);
    expect(raw).not.toContain('<at id=all>');
    expect(raw).not.toContain('](https://evil');
    const shown = renderCardText(c);
    expect(shown.text).toContain('申请人：张三<at id=all></at>（计算机学院 · 计科2401）');
    expect(shown.text).toContain('学号：2024000123');
    expect(shown.text).toContain('电话：13800138000');
    expect(shown.text).toContain('第一志愿 学术部，第二志愿 办公室；服从调剂');
    expect(shown.text).toContain('11-18 08:00 张三 提交申请');
    expect(shown.text).toContain('当前环节：院系团组织推荐（第 1/3 步）');
  });

  it('approves with an optional comment, and rejects only with a required reason', () => {
    const { buttons } = renderCardText(approvalCard(application(), org, t));
    expect(buttons.map((b) => [b.label, b.value])).toEqual([
      ['同意', { a: 'application.decide', id: 'R-2026-0007', stage: 0, d: 'approve', v: 1 }],
      ['不同意', { a: 'application.decide', id: 'R-2026-0007', stage: 0, d: 'reject', v: 1 }],
    ]);
    expect(buttons[0]?.form?.fields).toEqual([expect.objectContaining({ name: 'comment', required: false })]);
    expect(buttons[1]?.form?.fields).toEqual([expect.objectContaining({ name: 'reason', required: true })]);
  });

  it('at the panel asks for both scores and, with 服从调剂, the department', () => {
    const { buttons } = renderCardText(approvalCard(application({ stage: 2 }), org, t));
    const fields = buttons[0]?.form?.fields ?? [];
    expect(fields.map((f) => [f.name, f.required])).toEqual([
      ['written', true],
      ['interview', true],
      ['department', true],
      ['comment', false],
    ]);
    expect(fields[2]?.options).toEqual([
      { label: '学术部（第一志愿）', value: 'academic' },
      { label: '办公室（第二志愿，调剂）', value: 'office' },
    ]);
    const noAdjust = renderCardText(approvalCard(application({ stage: 2, adjust: false }), org, t));
    expect(noAdjust.buttons[0]?.form?.fields.map((f) => f.name)).toEqual(['written', 'interview', 'comment']);
  });

  it('once decided shows who, when and the outcome, and no controls', () => {
    const app = application({
      stage: 1,
      trail: [
        ...application().trail,
        {
          at: '2026-11-20T02:00:00.000Z',
          by: 'ou_league_cs',
          name: '王老师',
          role: 'leagueBranch',
          action: 'rejected',
          stage: 'recommend',
          reason: '材料不全',
        },
      ],
      state: 'rejected',
    });
    const c = decidedCard(app, org, 0, t);
    expect(c.config.update_multi).toBe(true);
    expect(c.header?.template).toBe('red');
    const shown = renderCardText(c);
    expect(shown.buttons).toEqual([]);
    expect(shown.text).toContain('处理结果：11-20 10:00 王老师（院系团组织推荐）不同意：材料不全');
    expect(shown.text).toContain('目前进度：未通过');
  });
});
