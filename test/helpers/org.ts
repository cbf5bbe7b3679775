import { parseOrg } from '../../src/config/org.ts';

/** A small org whose people are named by open_id, so tests need no resolution. */
export const TEST_ORG_YAML = `
university: 测试大学
timezone: Asia/Shanghai
presidium: [陈主席 <ou_presidium_1>]
departments:
  - id: office
    name: 办公室
    heads: [周部长 <ou_head_office>]
    members: [吴干事 <ou_member_office>]
  - id: academic
    name: 学术部
colleges:
  - id: cs
    name: 计算机学院
    leagueBranch: [王老师 <ou_league_cs>]
    partyCommittee: [李书记 <ou_party_cs>]
    leaders: [赵同学 <ou_leader_cs>]
  - id: math
    name: 数学学院
    leagueBranch: [钱老师 <ou_league_math>]
leagueCommittee: [何老师 <ou_league_committee>]
admins: [管理员 <ou_admin>]
`;

export function testOrg(overrides = '') {
  return parseOrg(TEST_ORG_YAML + overrides);
}
