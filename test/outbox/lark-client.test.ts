import { Domain } from '@larksuiteoapi/node-sdk';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiMeter, createLarkClient, larkDomain, quotaMonth } from '../../src/bot/lark-client.ts';
import { LarkSender } from '../../src/bot/sender.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { ApiUsage } from '../../src/store/api-usage.ts';
import { keySpace } from '../../src/store/keys.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import { fakeLark, recordMessages } from '../helpers/fake-lark.ts';
import { capturingLogger, SECRET, textTo } from './setup.ts';

afterEach(() => {
  nock.cleanAll();
});

describe('larkDomain', () => {
  it('maps the platform names to the URLs the SDK uses for Domain.Feishu / Domain.Lark', () => {
    expect(larkDomain('feishu')).toBe('https://open.feishu.cn');
    expect(larkDomain('lark')).toBe('https://open.larksuite.com');
    expect(Domain.Feishu).toBe(0); // an enum number, hence the URL
  });

  it('uses a base URL verbatim without the trailing slash', () => {
    expect(larkDomain('http://127.0.0.1:1234/')).toBe('http://127.0.0.1:1234');
    expect(larkDomain('http://127.0.0.1:1234')).toBe('http://127.0.0.1:1234');
  });

  it('the client talks to that base', () => {
    const lark = fakeLark('http://mock.lark:8080');
    expect(lark.client.domain).toBe('http://mock.lark:8080');
    const client = createLarkClient({
      appId: 'cli_x',
      appSecret: 's',
      domain: 'feishu',
      logger: capturingLogger().logger,
    });
    expect(client.domain).toBe('https://open.feishu.cn');
  });
});

describe('createLarkClient logging', () => {
  it('the SDK error logs carry neither the message body nor the app secret', async () => {
    const { logger, lines } = capturingLogger();
    nock.disableNetConnect();
    nock('http://lark.test')
      .post('/open-apis/auth/v3/tenant_access_token/internal')
      .reply(500, { code: 1, msg: 'down' })
      .post('/open-apis/auth/v3/tenant_access_token/internal')
      .reply(200, { code: 0, tenant_access_token: 't-1', expire: 7200 });
    recordMessages('http://lark.test', [
      { status: 400, body: { code: 230013, msg: 'user not in availability' } },
    ]);
    const client = createLarkClient({
      appId: 'cli_logtest0000000',
      appSecret: 'TOP-SECRET-APP-SECRET',
      domain: 'http://lark.test',
      logger,
    });
    const meter = new ApiMeter(
      new ApiUsage(new MemoryStore(), keySpace('t:')),
      fixedClock('2025-01-01T00:00:00Z'),
    );
    const sender = new LarkSender({ client, meter, logger });
    const first = await sender.deliver(textTo('oc_1', 'u-1'));
    expect(first).toMatchObject({ ok: false, retry: true });
    const second = await sender.deliver(textTo('oc_1', 'u-1'));
    expect(second).toMatchObject({ ok: false, retry: false });
    const out = lines.join('');
    expect(out).toContain('lark sdk'); // the SDK did log the failures
    expect(out).toContain('230013');
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain('TOP-SECRET-APP-SECRET');
    expect(out).not.toContain('oc_1'); // no request body at all
  });
});

describe('ApiMeter', () => {
  it('counts calls per API in the Shanghai month', async () => {
    const store = new MemoryStore();
    const keys = keySpace('t:');
    const clock = fixedClock('2025-01-31T15:59:59Z'); // 23:59:59 in Shanghai
    const meter = new ApiMeter(new ApiUsage(store, keys), clock);
    await meter.record('im.message.create');
    await meter.record('im.message.create');
    clock.set('2025-01-31T16:00:00Z'); // 1 February in Shanghai
    await meter.record('im.message.patch');
    expect(await meter.usage('2025-01')).toEqual({ 'im.message.create': 2 });
    expect(await meter.usage('2025-02')).toEqual({ 'im.message.patch': 1 });
    expect(await store.hgetall(keys.apiCalls('2025-02'))).toEqual({ 'im.message.patch': '1' });
    expect(await meter.usage('2024-12')).toEqual({});
  });

  it('never throws when the store fails', async () => {
    const store = new MemoryStore();
    store.unreachable = true;
    const { logger, lines } = capturingLogger();
    const meter = new ApiMeter(
      new ApiUsage(store, keySpace('t:')),
      fixedClock('2025-01-01T00:00:00Z'),
      logger,
    );
    await expect(meter.record('im.message.create')).resolves.toBeUndefined();
    await expect(meter.flush()).resolves.toBeUndefined();
    expect(lines.join('')).toContain('api meter: record failed');
  });

  it('quotaMonth', () => {
    expect(quotaMonth(new Date('2024-12-31T16:00:00Z'))).toBe('2025-01');
    expect(quotaMonth(new Date('2024-12-31T15:59:59Z'))).toBe('2024-12');
  });

  it('a sender counts the calls it makes', async () => {
    const lark = fakeLark();
    recordMessages(lark.base, [{ status: 500, body: 'x' }]);
    const store = new MemoryStore();
    const keys = keySpace('t:');
    const meter = new ApiMeter(new ApiUsage(store, keys), fixedClock('2025-05-05T05:00:00Z'));
    const sender = new LarkSender({ client: lark.client, meter, logger: capturingLogger().logger });
    await sender.deliver(textTo('oc_1', 'u-1'));
    await sender.deliver(textTo('oc_1', 'u-1'));
    expect(await meter.usage('2025-05')).toEqual({ 'im.message.create': 2 });
  });
});
