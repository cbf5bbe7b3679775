import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.ts';
import { loadEnv } from '../../src/config/env.ts';
import { parseOrg, parsePersonRef } from '../../src/config/org.ts';
import { TEST_ORG_YAML } from '../helpers/org.ts';

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('environment', () => {
  it('runs in local mode with nothing set', () => {
    const env = loadEnv({});
    expect(env.lark).toBeUndefined();
    expect(env).toMatchObject({ domain: 'feishu', eventMode: 'webhook', port: 3000, redisPrefix: 'sub:' });
  });

  it('treats empty strings as unset (a copied .env.example)', () => {
    expect(loadEnv({ LARK_APP_ID: '', LARK_APP_SECRET: '', REDIS_URL: '', PORT: '' }).lark).toBeUndefined();
  });

  it('lists every bad variable by name at once', () => {
    const lines = problems(() =>
      loadEnv({
        LARK_APP_ID: 'not-an-app-id',
        LARK_DOMAIN: 'ftp://x',
        LARK_EVENT_MODE: 'carrier-pigeon',
        REDIS_URL: 'http://localhost',
        PORT: '99999',
      }),
    );
    const names = lines.map((l) => l.split(':')[0]);
    expect(names).toEqual(
      expect.arrayContaining(['LARK_APP_ID', 'LARK_DOMAIN', 'LARK_EVENT_MODE', 'REDIS_URL', 'PORT']),
    );
  });

  it('requires the secret with the id, and the verification token for webhooks', () => {
    const lines = problems(() => loadEnv({ LARK_APP_ID: 'cli_0123456789abcdef' }));
    expect(lines.some((l) => l.startsWith('LARK_APP_SECRET:'))).toBe(true);
    expect(lines.some((l) => l.startsWith('LARK_VERIFICATION_TOKEN:'))).toBe(true);
    const ws = loadEnv({
      LARK_APP_ID: 'cli_0123456789abcdef',
      LARK_APP_SECRET: 's',
      LARK_EVENT_MODE: 'websocket',
    });
    expect(ws.lark).toEqual({ appId: 'cli_0123456789abcdef', appSecret: 's' });
  });

  it('accepts lark and a base URL as the domain', () => {
    expect(loadEnv({ LARK_DOMAIN: 'lark' }).domain).toBe('lark');
    expect(loadEnv({ LARK_DOMAIN: 'http://127.0.0.1:9999/' }).domain).toBe('http://127.0.0.1:9999');
  });
});

describe('organisation file', () => {
  it('parses the shipped example', () => {
    const org = parseOrg(readFileSync('org.example.yaml', 'utf8'));
    expect(org.departments.map((d) => d.name)).toEqual([
      '办公室',
      '权益部',
      '体育部',
      '外宣部',
      '文艺部',
      '学术部',
    ]);
    expect(org.limits).toEqual({ presidium: 4, department: 9, union: 60 });
  });

  it('names every bad YAML path', () => {
    const yaml = TEST_ORG_YAML.replace(
      'leagueBranch: [钱老师 <ou_league_math>]',
      'leagueBranch: [钱老师]',
    ).replace('timezone: Asia/Shanghai', 'timezone: Mars/Olympus');
    const lines = problems(() => parseOrg(`${yaml}\nunknownKey: 1\n`));
    expect(lines).toEqual(
      expect.arrayContaining([
        'colleges[1].leagueBranch[0]: not an open_id, user_id or email',
        'timezone: not an IANA time zone (e.g. Asia/Shanghai)',
      ]),
    );
    expect(lines.some((l) => l.includes('unknownKey'))).toBe(true);
  });

  it('refuses duplicate ids and a presidium over its cap', () => {
    const yaml = `${TEST_ORG_YAML.replace('id: academic', 'id: office').replace(
      'presidium: [陈主席 <ou_presidium_1>]',
      'presidium: [ou_a1234, ou_b1234, ou_c1234]',
    )}limits: { presidium: 2 }\n`;
    const lines = problems(() => parseOrg(yaml));
    expect(lines).toEqual(
      expect.arrayContaining([
        "departments[1].id: duplicate id 'office'",
        'presidium: 3 people, more than limits.presidium (2)',
      ]),
    );
  });

  it('reports YAML syntax errors', () => {
    expect(problems(() => parseOrg('university: [unclosed')).length).toBeGreaterThan(0);
  });
});

describe('person references', () => {
  it.each([
    ['ou_abc123', { kind: 'open_id', value: 'ou_abc123' }],
    ['Zhang.San@Example.edu.cn', { kind: 'email', value: 'zhang.san@example.edu.cn' }],
    ['e33ggbyz', { kind: 'user_id', value: 'e33ggbyz' }],
    ['张三 <zhangsan@example.edu.cn>', { kind: 'email', value: 'zhangsan@example.edu.cn', name: '张三' }],
  ])('reads %s', (text, expected) => {
    expect(parsePersonRef(text)).toMatchObject(expected);
  });

  it.each(['张三', 'two words', '<>', ''])('refuses %j', (text) => {
    expect(parsePersonRef(text)).toBeUndefined();
  });
});
