import { describe, expect, it } from 'vitest';
import { renderCardText } from '../../src/cards/render-text.ts';
import { CATALOG_PARTS, translator } from '../../src/i18n/index.ts';
import { makeCardAction, makeMessageEvent, plainRequest } from '../helpers/fixtures.ts';
import { testOrg } from '../helpers/org.ts';
import { testRuntime } from '../helpers/test-runtime.ts';

async function englishRuntime() {
  return testRuntime({ org: testOrg('locale: en-US\n') });
}

async function say(
  rt: Awaited<ReturnType<typeof englishRuntime>>,
  text: string,
  senderOpenId = 'ou_student_1',
) {
  const res = await rt.app.request('/lark/events', plainRequest(makeMessageEvent({ text, senderOpenId })));
  expect(res.status).toBe(200);
  await rt.settle();
}

describe('an org file with locale: en-US', () => {
  it('answers /help with an English card', async () => {
    const rt = await englishRuntime();
    await say(rt, '/help');
    const cards = rt.sender.cards();
    expect(cards).toHaveLength(1);
    const card = renderCardText(cards[0]);
    expect(card.text).toContain('测试大学 Student Union Assistant');
    expect(card.text).toContain('/whoami');
    expect(card.buttons.map((b) => b.label)).toEqual(['General', 'Recruitment']);
    // no Chinese text besides the university's name
    expect(card.text.replaceAll('测试大学', '')).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('answers a help section click in English', async () => {
    const rt = await englishRuntime();
    const res = await rt.app.request(
      '/lark/events',
      plainRequest(
        makeCardAction({ value: { a: 'help.section', s: 'admin', v: 1 }, operatorOpenId: 'ou_admin' }),
      ),
    );
    const body = (await res.json()) as { card: { data: unknown } };
    const section = renderCardText(body.card.data);
    expect(section.text).toContain('/budget 2026-10');
    expect(section.buttons.map((b) => b.label)).toEqual(['Back to contents']);
  });

  it('answers an unknown command with the English hint', async () => {
    const rt = await englishRuntime();
    await say(rt, '/nosuch');
    expect(rt.sender.texts()).toEqual(['There is no command /nosuch. Send /help to see what you can use.']);
  });

  it('still understands the Chinese aliases', async () => {
    const rt = await englishRuntime();
    await say(rt, '/帮助');
    expect(renderCardText(rt.sender.cards()[0]).buttons.map((b) => b.label)).toEqual([
      'General',
      'Recruitment',
    ]);
  });

  it('leaves the default org file in Chinese', async () => {
    const rt = await testRuntime();
    await say(rt, '/nosuch');
    expect(rt.sender.texts()).toEqual([translator('zh-CN')('command.unknown', { command: '/nosuch' })]);
    expect(rt.sender.texts()[0]).toContain('没有 /nosuch 这个命令');
  });
});

const placeholders = (text: string) => [...new Set(text.match(/\{\w+\}/g) ?? [])].sort();

describe('the English catalog', () => {
  for (const [part, { zh, en }] of Object.entries(CATALOG_PARTS)) {
    const zhTexts = zh as Record<string, string>;
    const enTexts = en as Record<string, string>;

    it(`has a non-empty English text for every Chinese one (${part})`, () => {
      const missing = Object.keys(zhTexts).filter((k) => !(enTexts[k] ?? '').trim());
      expect(missing).toEqual([]);
      const extra = Object.keys(enTexts).filter((k) => !(k in zhTexts));
      expect(extra).toEqual([]);
    });

    it(`uses the same {placeholders} as the Chinese, key by key (${part})`, () => {
      const differ = Object.keys(zhTexts)
        .filter((k) => enTexts[k] !== undefined)
        .filter((k) => placeholders(zhTexts[k] ?? '').join() !== placeholders(enTexts[k] ?? '').join())
        .map((k) => ({ key: k, zh: placeholders(zhTexts[k] ?? ''), en: placeholders(enTexts[k] ?? '') }));
      expect(differ).toEqual([]);
    });
  }

  it('has each key in one feature file only (a second one would silently win)', () => {
    const owners = new Map<string, string[]>();
    for (const [part, { zh }] of Object.entries(CATALOG_PARTS)) {
      for (const key of Object.keys(zh)) owners.set(key, [...(owners.get(key) ?? []), part]);
    }
    expect([...owners].filter(([, parts]) => parts.length > 1)).toEqual([]);
  });

  it('fills placeholders in English', () => {
    expect(translator('en-US')('command.unknown', { command: '/x' })).toBe(
      'There is no command /x. Send /help to see what you can use.',
    );
  });
});
