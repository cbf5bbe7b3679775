import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { CachedPeopleResolver, Directory } from '../../src/bot/directory.ts';
import { LarkPeopleResolver } from '../../src/bot/lark-people.ts';
import { parseOrg } from '../../src/config/org.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { keySpace } from '../../src/store/keys.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import { PeopleCache } from '../../src/store/people-cache.ts';
import { type FakeReply, fakeLark, type RecordedRequest, recordRequests } from '../helpers/fake-lark.ts';

const log = silentLogger();
const keys = keySpace('t:');

/** People named by email and by user_id, beside one named by open_id. */
function orgYaml(extra = '') {
  return `
university: 测试大学
presidium: [陈主席 <Chen@Univ.edu.cn>]
departments:
  - id: office
    name: 办公室
    heads: [周部长 <ou_head_office>]
colleges:
  - id: cs
    name: 计算机学院
    leagueBranch: [王老师 <wang01>]
${extra}`;
}

/** Who the fake contact API knows: emails → open_id, user_ids → ids. */
const KNOWN_EMAILS: Record<string, string> = { 'chen@univ.edu.cn': 'ou_chen' };
const KNOWN_USER_IDS: Record<string, { open_id: string; union_id: string; name: string }> = {
  wang01: { open_id: 'ou_wang', union_id: 'on_wang', name: '王老师' },
};

function contactApi(base: string, fail?: (req: RecordedRequest) => FakeReply | undefined) {
  return recordRequests(base, '/open-apis/contact/v3/users', (req) => {
    const failure = fail?.(req);
    if (failure) return failure;
    if (req.method === 'POST' && req.path === '/open-apis/contact/v3/users/batch_get_id') {
      const emails = (req.body.emails ?? []) as string[];
      // Feishu lists every email asked for; the unknown ones without a user_id
      const user_list = emails.map((email) =>
        KNOWN_EMAILS[email] ? { email, user_id: KNOWN_EMAILS[email] } : { email },
      );
      return { body: { code: 0, msg: 'success', data: { user_list } } };
    }
    const userId = /^\/open-apis\/contact\/v3\/users\/([^/]+)$/.exec(req.path)?.[1];
    if (req.method === 'GET' && userId) {
      const user = KNOWN_USER_IDS[userId];
      if (user) return { body: { code: 0, msg: 'success', data: { user } } };
      return { status: 400, body: { code: 41050, msg: 'no user authority error' } };
    }
    return { status: 404, body: { code: 404, msg: `unexpected ${req.method} ${req.path}` } };
  });
}

function directory(org: string, client: ReturnType<typeof fakeLark>['client'], store: MemoryStore) {
  return new Directory(
    parseOrg(org),
    new CachedPeopleResolver(new LarkPeopleResolver(client, log), new PeopleCache(store, keys)),
    log,
  );
}

afterEach(() => {
  nock.cleanAll();
});

describe('people named by email or user_id in the org file', () => {
  it('are resolved through the contact API and get their roles from the org file', async () => {
    const lark = fakeLark();
    const api = contactApi(lark.base);
    const dir = directory(orgYaml(), lark.client, new MemoryStore());

    expect(await dir.refresh()).toBe(0);

    const chen = dir.actorFor({ openId: 'ou_chen' });
    expect(chen.roles.has('presidium')).toBe(true);
    expect(chen.units).toContain('school');
    const wang = dir.actorFor({ openId: 'ou_wang' });
    expect(wang.roles.has('leagueBranch')).toBe(true);
    expect(wang.colleges.leagueBranch).toEqual(['cs']);
    // what the contact API said about the person is kept
    expect(wang.userId).toBe('wang01');
    expect(wang.unionId).toBe('on_wang');
    // a person named by open_id needs no call
    expect(dir.actorFor({ openId: 'ou_head_office' }).heads).toEqual(['office']);

    expect(api.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'GET /open-apis/contact/v3/users/wang01',
      'POST /open-apis/contact/v3/users/batch_get_id',
    ]);
    const batch = api.requests.find((r) => r.method === 'POST');
    expect(batch?.query).toEqual({ user_id_type: 'open_id' });
    expect(batch?.body).toEqual({ emails: ['chen@univ.edu.cn'] });
    expect(api.requests.find((r) => r.method === 'GET')?.query).toEqual({ user_id_type: 'user_id' });
    expect(batch?.authorization).toBe('Bearer t-test');
  });

  it('are cached in the store: another directory on the same store asks the contact API nothing', async () => {
    const lark = fakeLark();
    const api = contactApi(lark.base);
    const store = new MemoryStore();
    expect(await directory(orgYaml(), lark.client, store).refresh()).toBe(0);
    const calls = api.requests.length;
    expect(calls).toBe(2);

    // another replica, or the next start
    const again = directory(orgYaml(), lark.client, store);
    expect(await again.refresh()).toBe(0);
    expect(api.requests).toHaveLength(calls);
    expect(again.actorFor({ openId: 'ou_chen' }).roles.has('presidium')).toBe(true);
    expect(again.actorFor({ openId: 'ou_wang' }).colleges.leagueBranch).toEqual(['cs']);
  });

  it('are asked for once: a second refresh of the same directory makes no call', async () => {
    const lark = fakeLark();
    const api = contactApi(lark.base);
    const dir = directory(orgYaml(), lark.client, new MemoryStore());
    await dir.refresh();
    const calls = api.requests.length;
    expect(await dir.refresh()).toBe(0);
    expect(api.requests).toHaveLength(calls);
  });

  it('leave an email the contact API does not know unresolved, and its owner only a student', async () => {
    const lark = fakeLark();
    contactApi(lark.base);
    const dir = directory(orgYaml('admins: [ghost@univ.edu.cn]\n'), lark.client, new MemoryStore());

    expect(await dir.refresh()).toBe(1);

    // the person behind that email, whatever their open_id, is not an admin
    const ghost = dir.actorFor({ openId: 'ou_ghost' });
    expect([...ghost.roles]).toEqual(['student']);
    expect(dir.people().find((p) => p.key === 'email:ghost@univ.edu.cn')?.openId).toBeUndefined();
    // the others are resolved all the same
    expect(dir.actorFor({ openId: 'ou_chen' }).roles.has('presidium')).toBe(true);
    expect(dir.actorFor({ openId: 'ou_wang' }).roles.has('leagueBranch')).toBe(true);
  });

  it('leave a user_id the contact API does not know unresolved, and resolve the others', async () => {
    const lark = fakeLark();
    contactApi(lark.base);
    const dir = directory(orgYaml('admins: [nobody99]\n'), lark.client, new MemoryStore());
    expect(await dir.refresh()).toBe(1);
    expect(dir.actorFor({ openId: 'ou_chen' }).roles.has('presidium')).toBe(true);
    expect(dir.actorFor({ openId: 'ou_wang' }).roles.has('leagueBranch')).toBe(true);
  });

  it('survive a contact API failure: refresh does not throw, and a later refresh resolves them', async () => {
    const lark = fakeLark();
    let down = true;
    const api = contactApi(lark.base, () =>
      down ? { status: 500, body: { code: 500, msg: 'internal error' } } : undefined,
    );
    const dir = directory(orgYaml(), lark.client, new MemoryStore());

    const unresolved = await dir.refresh();
    // the two named by email and user_id; the one named by open_id needs no call
    expect(unresolved).toBe(2);
    expect(api.requests.length).toBeGreaterThan(0);
    expect([...dir.actorFor({ openId: 'ou_chen' }).roles]).toEqual(['student']);
    // a person named by open_id keeps their roles while the API is down
    expect(dir.actorFor({ openId: 'ou_head_office' }).heads).toEqual(['office']);

    down = false;
    expect(await dir.refresh()).toBe(0);
    expect(dir.actorFor({ openId: 'ou_chen' }).roles.has('presidium')).toBe(true);
  });

  it('named by user_id are recognised on their user_id when their open_id is not known', async () => {
    const lark = fakeLark();
    // the contact API is down: nobody's open_id is known
    contactApi(lark.base, () => ({ status: 500, body: { code: 500, msg: 'internal error' } }));
    const dir = directory(orgYaml(), lark.client, new MemoryStore());
    await dir.refresh();

    const wang = dir.actorFor({ openId: 'ou_wang_not_resolved', userId: 'wang01' });
    expect(wang.roles.has('leagueBranch')).toBe(true);
    expect(wang.colleges.leagueBranch).toEqual(['cs']);
    expect([...dir.actorFor({ openId: 'ou_someone', userId: 'other' }).roles]).toEqual(['student']);
    expect([...dir.actorFor({ openId: 'ou_someone', userId: null }).roles]).toEqual(['student']);
  });

  it('named by user_id are recognised on their user_id when they use another open_id', async () => {
    const lark = fakeLark();
    contactApi(lark.base);
    const dir = directory(orgYaml(), lark.client, new MemoryStore());
    await dir.refresh();
    // an open_id is per app: the same person seen through another app's id
    expect(dir.actorFor({ openId: 'ou_other_app', userId: 'wang01' }).colleges.leagueBranch).toEqual(['cs']);
  });
});
