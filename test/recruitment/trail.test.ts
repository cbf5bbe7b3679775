import { describe, expect, it } from 'vitest';
import { trailLines } from '../../src/cards/recruitment/trail.ts';
import type { Application } from '../../src/domain/recruitment.ts';
import { translator } from '../../src/i18n/index.ts';
import { makeApplication } from '../helpers/applications.ts';
import { testOrg } from '../helpers/org.ts';

const org = testOrg();
const t = translator('zh-CN');

function withTrail(trail: Application['trail']): Application {
  return makeApplication({ stage: 1, trail });
}

describe('the audit trail', () => {
  it('names who decided, in what role, and keeps an approval’s comment and a rejection’s reason', () => {
    const lines = trailLines(
      withTrail([
        { at: '2026-11-20T01:00:00Z', by: 'ou_a', name: '张三', action: 'submitted' },
        {
          at: '2026-11-20T02:00:00Z',
          by: 'ou_l',
          name: '王老师',
          role: 'leagueBranch',
          action: 'approved',
          stage: 'recommend',
          reason: '表现突出',
        },
        {
          at: '2026-11-21T02:00:00Z',
          by: 'ou_p',
          name: '李书记',
          role: 'partyCommittee',
          action: 'rejected',
          stage: 'agree',
          reason: '材料不全',
        },
        { at: '2026-11-22T02:00:00Z', by: 'anonymous', action: 'objected', reason: '有疑问' },
      ]),
      org,
      t,
    );
    expect(lines).toEqual([
      '11-20 09:00 张三 提交申请',
      '11-20 10:00 王老师（院系团组织推荐）同意，意见：表现突出',
      '11-21 10:00 李书记（院系党组织审核）不同意：材料不全',
      '11-22 10:00 匿名 提出异议：有疑问',
    ]);
  });
});
