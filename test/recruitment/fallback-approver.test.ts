import { describe, expect, it } from 'vitest';
import { renderCardText } from '../../src/cards/render-text.ts';
import { parseOrg } from '../../src/config/org.ts';
import { planDeciders } from '../../src/domain/recruitment.ts';
import { runJobOnce } from '../../src/schedules/job-context.ts';
import { approvalNudge } from '../../src/schedules/recruitment/approval-nudge.ts';
import { contextFor } from '../helpers/context.ts';
import { testRuntime } from '../helpers/test-runtime.ts';
import { applyOrg, clickSubmit, NOW, storedApp, validForm } from './apply-helpers.ts';
import { cardsTo, click, decide, sentTo, textOf } from './review-helpers.ts';

const WANG = 'ou_league_cs'; // 王老师: the only League branch approver of 计算机学院
const HE = 'ou_league_committee'; // 何老师: the League committee

function cardText(data: Record<string, unknown> | undefined): string {
  return data ? renderCardText(data as never).text : '';
}

describe('an approver applying: the stage goes to its fallback (issue 9, item 5)', () => {
  it('sends the approver’s own stage to the League committee, says so to the applicant, and follows it to the end', async () => {
    const rt = await testRuntime({ org: applyOrg(), now: NOW });
    const answer = await clickSubmit(rt, WANG, validForm({ name: '王老师' }));
    await rt.settle();
    expect(answer.toast?.type).toBe('success');
    const shown = cardText(answer.card?.data);
    expect(shown).toContain('现在等待院系团组织推荐（由校团委决定）');
    expect(shown).toContain('审批人不能审核自己的申请');

    const id = /R-\d{4}-\d{4}/.exec(answer.toast?.content ?? '')?.[0] ?? '';
    const app = await storedApp(rt, id);
    expect(app?.deciders).toEqual({ recommend: 'leagueCommittee' });
    // The League committee gets the card; the applicant gets none for their own application.
    expect(cardsTo(rt, HE)).toHaveLength(1);
    expect(cardText(cardsTo(rt, HE)[0])).toContain('院系团组织推荐（由校团委决定）');
    expect(cardsTo(rt, WANG)).toHaveLength(0);

    // 王老师 cannot decide; 何老师 can, and the next stage goes to its own approvers.
    const self = await click(rt, { operator: WANG, value: decide(id, 0, 'approve') });
    expect(self.toast?.content).toContain('自己');
    const ok = await click(rt, { operator: HE, value: decide(id, 0, 'approve') });
    expect(ok.toast?.type).toBe('success');
    await rt.settle();
    const after = await storedApp(rt, id);
    expect(after?.stage).toBe(1);
    expect(after?.trail.at(-1)).toMatchObject({ by: HE, role: 'leagueCommittee', stage: 'recommend' });
    expect(cardsTo(rt, 'ou_party_cs')).toHaveLength(1);
    expect(textOf(sentTo(rt.sender.sent, WANG).at(-1))).toContain('下一步：院系党组织审核');
  });

  it('lists it in /待办 for the fallback, not for the applicant, and the escalation never names the applicant', async () => {
    const rt = await testRuntime({ org: applyOrg(), now: '2026-11-10T02:00:00Z' });
    const answer = await clickSubmit(rt, WANG, validForm({ name: '王老师' }));
    await rt.settle();
    const id = /R-\d{4}-\d{4}/.exec(answer.toast?.content ?? '')?.[0] ?? '';
    const runAt = new Date('2026-11-17T01:00:00Z'); // 09:00, seven days later
    (rt.clock as unknown as { set(at: string): void }).set(runAt.toISOString());
    rt.sender.sent.length = 0;
    await runJobOnce(rt.bot.services, approvalNudge, '2026-11-17', runAt);
    await rt.settle();
    const toHe = sentTo(rt.sender.sent, HE).map(textOf).join('\n');
    expect(toHe).toContain(id);
    expect(toHe).toContain('审批人：何老师');
    expect(toHe).not.toContain('审批人：王老师');
    expect(sentTo(rt.sender.sent, WANG).map(textOf).join('\n')).not.toContain(id);
  });

  it('uses the next school body when the fallback is the applicant too, and a stage nobody holds goes to the fallback', async () => {
    const org = parseOrg(`
university: 测试大学
timezone: Asia/Shanghai
presidium: [陈主席 <ou_presidium_x>]
departments: [{ id: office, name: 办公室 }]
colleges:
  - { id: cs, name: 计算机学院, leagueBranch: [王老师 <ou_wang_x>], partyCommittee: [李书记 <ou_li_x>] }
  - { id: math, name: 数学学院, leagueBranch: [钱老师 <ou_qian_x>] }
leagueCommittee: [何老师 <ou_he_x>]
recruitment:
  stages:
    - { id: recommend, approvers: leagueBranch }
    - { id: agree, approvers: partyCommittee, fallback: presidium }
    - { id: panel, approvers: leagueCommittee }
`);
    const rt = await testRuntime({ org, now: NOW });
    const actor = (openId: string) => contextFor(rt, openId).actor;
    // 何老师 (the League committee's only member) applies: its stage goes to the presidium.
    expect(planDeciders(org, actor('ou_he_x'), 'cs')).toEqual({ panel: 'presidium' });
    // A student of 数学学院, which has no Party committee: that stage's configured fallback.
    expect(planDeciders(org, actor('ou_student_x'), 'math')).toEqual({ agree: 'presidium' });
    // Nobody to replace: a student of 计算机学院 goes the usual way.
    expect(planDeciders(org, actor('ou_student_x'), 'cs')).toBeUndefined();
  });
});
