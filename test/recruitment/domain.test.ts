import { describe, expect, it } from 'vitest';
import { type Application, type Decision, decide, seatCheck } from '../../src/domain/recruitment.ts';
import { actorFrom } from '../../src/domain/roles.ts';
import { makeApplication } from '../helpers/applications.ts';
import { testOrg } from '../helpers/org.ts';

const org = testOrg();
const stages = org.recruitment.stages;
const NOW = new Date('2026-11-20T02:00:00Z');

const application = makeApplication;

const leagueCs = actorFrom({ openId: 'ou_league_cs', name: '王老师' }, [
  { role: 'leagueBranch', scope: 'cs' },
]);
const leagueMath = actorFrom({ openId: 'ou_league_math' }, [{ role: 'leagueBranch', scope: 'math' }]);
const partyCs = actorFrom({ openId: 'ou_party_cs' }, [{ role: 'partyCommittee', scope: 'cs' }]);
const committee = actorFrom({ openId: 'ou_league_committee' }, [{ role: 'leagueCommittee' }]);

const go = (app: Application, d: Partial<Decision> & Pick<Decision, 'actor'>) =>
  decide(app, { stage: app.stage, decision: 'approve', ...d }, stages, org.recruitment.noticeDays, NOW);

describe('the vetting chain', () => {
  it('moves through recommend, agree and the panel into public notice', () => {
    const a1 = go(application(), { actor: leagueCs });
    expect(a1).toMatchObject({ ok: true, event: 'advanced', app: { stage: 1, rev: 2 } });
    if (!a1.ok) throw new Error();
    const a2 = go(a1.app, { actor: partyCs });
    expect(a2).toMatchObject({ ok: true, event: 'advanced', app: { stage: 2 } });
    if (!a2.ok) throw new Error();
    const a3 = go(a2.app, {
      actor: committee,
      scores: { written: 88, interview: 92 },
      department: 'academic',
    });
    expect(a3).toMatchObject({
      ok: true,
      event: 'notice',
      app: { state: 'notice', department: 'academic', scores: { written: 88, interview: 92 } },
    });
    if (!a3.ok) throw new Error();
    expect(a3.app.noticeUntil).toBe('2026-11-25T02:00:00.000Z');
    expect(a3.app.trail.map((t) => t.action)).toEqual([
      'submitted',
      'approved',
      'approved',
      'approved',
      'notice',
    ]);
    expect(a3.app.trail[1]).toMatchObject({
      by: 'ou_league_cs',
      name: '王老师',
      role: 'leagueBranch',
      stage: 'recommend',
    });
  });

  it('ends the application on a rejection, which needs a reason', () => {
    expect(go(application(), { actor: leagueCs, decision: 'reject' })).toEqual({
      ok: false,
      why: 'reason-required',
    });
    const r = go(application(), { actor: leagueCs, decision: 'reject', reason: '材料不全' });
    expect(r).toMatchObject({ ok: true, event: 'rejected', app: { state: 'rejected' } });
  });

  it('lets the first decision win and names it to a late one', () => {
    const first = go(application(), { actor: leagueCs });
    if (!first.ok) throw new Error();
    const late = decide(
      first.app,
      { actor: leagueCs, stage: 0, decision: 'reject', reason: 'x' },
      stages,
      5,
      NOW,
    );
    expect(late).toMatchObject({ ok: false, why: 'stale', last: { by: 'ou_league_cs', action: 'approved' } });
  });

  it.each([
    ["another college's League branch", leagueMath],
    ['the right college at the wrong stage', partyCs],
    ['a student', actorFrom({ openId: 'ou_someone' }, [])],
  ])('refuses %s', (_name, actor) => {
    expect(go(application(), { actor })).toEqual({ ok: false, why: 'not-approver' });
  });

  it('refuses an approver deciding their own application', () => {
    const self = actorFrom({ openId: 'ou_applicant' }, [{ role: 'leagueBranch', scope: 'cs' }]);
    expect(go(application(), { actor: self })).toEqual({ ok: false, why: 'self' });
  });

  it('needs the scores at the panel, and places only in a chosen department', () => {
    const atPanel = application({ stage: 2 });
    expect(go(atPanel, { actor: committee, department: 'academic' })).toEqual({
      ok: false,
      why: 'scores-required',
    });
    const scores = { written: 80, interview: 80 };
    expect(go(atPanel, { actor: committee, scores, department: 'sports' })).toEqual({
      ok: false,
      why: 'bad-department',
    });
    expect(go(atPanel, { actor: committee, scores, department: 'office' })).toMatchObject({
      ok: true,
      app: { department: 'office' },
    });
    const noAdjust = application({ stage: 2, adjust: false });
    expect(go(noAdjust, { actor: committee, scores, department: 'office' })).toEqual({
      ok: false,
      why: 'bad-department',
    });
  });
});

describe('seats', () => {
  it('refuses a full department or union with the numbers', () => {
    expect(seatCheck({ department: 8, union: 59 }, { department: 9, union: 60 })).toEqual({ ok: true });
    expect(seatCheck({ department: 9, union: 50 }, { department: 9, union: 60 })).toEqual({
      ok: false,
      full: 'department',
      count: 9,
      cap: 9,
    });
    expect(seatCheck({ department: 3, union: 60 }, { department: 9, union: 60 })).toEqual({
      ok: false,
      full: 'union',
      count: 60,
      cap: 60,
    });
  });
});

describe('a stale decision', () => {
  it('names the decision of the card’s own stage, even after later stages', () => {
    const a1 = go(application(), { actor: leagueCs });
    if (!a1.ok) throw new Error();
    const a2 = go(a1.app, { actor: partyCs });
    if (!a2.ok) throw new Error();
    const late = decide(a2.app, { actor: leagueCs, stage: 0, decision: 'approve' }, stages, 5, NOW);
    expect(late).toMatchObject({ ok: false, why: 'stale', last: { by: 'ou_league_cs', stage: 'recommend' } });
  });
});
