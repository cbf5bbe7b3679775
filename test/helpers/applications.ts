import type { Application } from '../../src/domain/recruitment.ts';

/** An application in review at the first stage (张三, 计算机学院, 学术部 then 办公室), with overrides. */
export function makeApplication(over: Partial<Application> = {}): Application {
  const at = '2026-11-18T00:00:00.000Z';
  return {
    v: 1,
    id: 'R-2026-0001',
    applicant: {
      openId: 'ou_applicant',
      name: '张三',
      studentNo: '20240001',
      college: 'cs',
      className: '计科2401',
      political: '共青团员',
      phone: '13800138000',
    },
    first: 'academic',
    second: 'office',
    adjust: true,
    reason: '想为同学服务',
    state: 'review',
    stage: 0,
    stageSince: at,
    createdAt: at,
    updatedAt: at,
    rev: 1,
    objections: [],
    trail: [{ at, by: 'ou_applicant', name: '张三', action: 'submitted' }],
    ...over,
  };
}

/**
 * A student number of a person's own (a number belongs to one person): `base` for the
 * usual test applicant, a stable 10-digit number derived from the open_id for anyone else.
 */
export function studentNoFor(openId: string, base: string, usual: string): string {
  if (openId === usual) return base;
  let h = 0;
  for (const ch of openId) h = (h * 31 + ch.charCodeAt(0)) % 1_000_000;
  return `2025${String(h).padStart(6, '0')}`;
}
