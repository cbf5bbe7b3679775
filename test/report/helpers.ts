import { parseOrg } from '../../src/config/org.ts';
import type { OutboxMessage } from '../../src/messages/outbox-message.ts';

/**
 * An org with known numbers: presidium 2/4; 办公室 full (3/3); 学术部 3/9 with its head
 * listed twice and a member shared with 办公室; 权益部 over its cap (3/2) with a presidium
 * member in it. Nine distinct people in the union, against a cap of 12.
 */
export const REPORT_ORG_YAML = `
university: 测试大学
timezone: Asia/Shanghai
limits: { presidium: 4, department: 9, union: 12 }
presidium: [陈主席 <ou_presidium_1>, 林副主席 <ou_presidium_2>]
departments:
  - id: office
    name: 办公室
    cap: 3
    heads: [周部长 <ou_head_office>]
    members: [吴干事 <ou_member_office>, 郑干事 <ou_member_2>]
  - id: academic
    name: 学术部
    heads: [孙部长 <ou_head_academic>]
    members: [孙部长 <ou_head_academic>, 吴干事 <ou_member_office>, 钱同学 <ou_academic_2>]
  - id: rights
    name: 权益部
    cap: 2
    members: [冯同学 <ou_rights_1>, 蒋同学 <ou_rights_2>, 林副主席 <ou_presidium_2>]
colleges:
  - id: cs
    name: 计算机学院
    leagueBranch: [王老师 <ou_league_cs>]
leagueCommittee: [何老师 <ou_league_committee>, 许老师 <ou_league_committee_2>]
admins: [管理员 <ou_admin>]
`;

export function reportOrg(extra = '') {
  return parseOrg(REPORT_ORG_YAML + extra);
}

/** Sent messages addressed to a person or chat. */
export function sentTo(sent: readonly OutboxMessage[], id: string): OutboxMessage[] {
  return sent.filter((m) => m.kind === 'send' && m.to.id === id);
}

/** The card of a sent message. */
export function cardOf(m: OutboxMessage | undefined): Record<string, unknown> {
  if (m?.kind !== 'send' || m.msgType !== 'interactive') throw new Error('not a card message');
  return JSON.parse(m.content) as Record<string, unknown>;
}

/** A store snapshot without the engine's journal markers (`done:…`), which every handled update leaves. */
export function withoutJournal(snapshot: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(snapshot).filter(([k]) => !k.includes(':done:')));
}
