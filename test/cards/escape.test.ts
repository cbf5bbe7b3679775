import { describe, expect, it } from 'vitest';
import { button, card, markdown } from '../../src/cards/card.ts';
import { escapeMarkdown } from '../../src/cards/escape.ts';
import { renderCardText } from '../../src/cards/render-text.ts';
import { textContent } from '../../src/messages/content.ts';

const HOSTILE = [
  '<at id=all></at>',
  '<at user_id="all">所有人</at>',
  '[x](https://evil.example)',
  '**bold**',
  '# h',
  "<font color='red'>red</font>",
  '`code` ~~gone~~ _it_ | a | b |',
  '![img](img_v2_key)',
  '- item\n+ item',
  '&#60;at id=all&#62;&#60;/at&#62;',
];

describe('escapeMarkdown: user text in a card cannot become markup', () => {
  it.each(HOSTILE)('leaves no markdown syntax in %j', (input) => {
    const out = escapeMarkdown(input);
    // only entities remain where the syntax was
    const outsideEntities = out.replace(/&#\d+;/g, '');
    expect(outsideEntities).not.toMatch(/[<>[\]()*#`~_|!\\+&-]/);
    // and Feishu, decoding the entities once, shows exactly what the user typed
    expect(decodeOnce(out)).toBe(input);
  });

  it('escapes an entity the user typed, so Feishu shows it as typed instead of decoding it to `<`', () => {
    const out = escapeMarkdown('&#60;at id=all&#62;');
    expect(decodeOnce(out)).toBe('&#60;at id=all&#62;');
    expect(decodeOnce(out)).not.toContain('<');
  });

  it('keeps ordinary text, Chinese included, as it is', () => {
    expect(escapeMarkdown('周三下午 3 点在 302 开会，请准时。')).toBe('周三下午 3 点在 302 开会，请准时。');
  });
});

/** What Feishu's renderer does with the entities: one pass of decoding. */
function decodeOnce(s: string): string {
  return s.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

type PostNode = { tag: string; text?: string };
function post(text: string): PostNode[][] {
  const { msgType, content } = textContent(text);
  expect(msgType).toBe('post');
  return (JSON.parse(content) as { zh_cn: { content: PostNode[][] } }).zh_cn.content;
}

describe('textContent: plain replies are post text nodes', () => {
  it('puts user text in text nodes only, so <at> mentions nobody', () => {
    const text = '你好 <at user_id="all"></at> and <at id=all></at> [x](https://evil.example) **b**';
    const paragraphs = post(text);
    const nodes = paragraphs.flat();
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) expect(node).toEqual({ tag: 'text', text: expect.any(String) });
    expect(nodes.some((n) => n.tag === 'at' || n.tag === 'md' || n.tag === 'a')).toBe(false);
    // the text arrives unchanged (a text node shows it literally)
    expect(nodes.map((n) => n.text).join('')).toBe(text);
  });

  it('makes one paragraph per line', () => {
    const paragraphs = post('第一行\n<at user_id="all"></at>\n\n最后一行');
    expect(paragraphs).toEqual([
      [{ tag: 'text', text: '第一行' }],
      [{ tag: 'text', text: '<at user_id="all"></at>' }],
      [{ tag: 'text', text: '' }],
      [{ tag: 'text', text: '最后一行' }],
    ]);
  });
});

describe('renderCardText: a card as text for local mode and the local chat', () => {
  it('shows escaped user text as the user wrote it', () => {
    const typed = "**bold** [x](https://evil.example) # h <font color='red'>";
    const rendered = renderCardText(card('标题', [markdown(`留言：${escapeMarkdown(typed)}`)]));
    expect(rendered.text).toContain('【标题】');
    expect(rendered.text).toContain(`留言：${typed}`);
    expect(rendered.text).not.toContain('&#');
  });

  it('shows an escaped <at> typed by a user as text, not as a mention (as Feishu does)', () => {
    const typed = '<at id=all></at>开会';
    const rendered = renderCardText(card('标题', [markdown(escapeMarkdown(typed))]));
    expect(rendered.text).toContain(typed);
    expect(rendered.text).not.toContain('@all');
  });

  it("shows the card's own markup as plain text: bold, colour and mentions", () => {
    const rendered = renderCardText(
      card('通知', [markdown("**重要** <font color='red'>今天</font> <at id=ou_abc></at>")]),
    );
    expect(rendered.text).toContain('重要 今天 @ou_abc');
  });

  it('lists the buttons with their values, in order', () => {
    const rendered = renderCardText(
      card('选择', [
        markdown('请选择：'),
        button('同意', { a: 'test.decide', ok: true, v: 1 }, 'primary'),
        {
          tag: 'column_set',
          columns: [
            { tag: 'column', elements: [button('驳回', { a: 'test.decide', ok: false, v: 1 })] },
            { tag: 'column', elements: [{ ...button('已过期', { a: 'test.x' }), disabled: true }] },
          ],
        },
        button('稍后', { a: 'test.later' }),
      ]),
    );
    expect(rendered.buttons.map((b) => [b.label, b.value])).toEqual([
      ['同意', { a: 'test.decide', ok: true, v: 1 }],
      ['驳回', { a: 'test.decide', ok: false, v: 1 }],
      ['稍后', { a: 'test.later' }],
    ]);
    expect(rendered.text).toMatch(/\[1\] 同意[\s\S]*\[2\] 驳回[\s\S]*\[ 已过期 \][\s\S]*\[3\] 稍后/);
  });

  it("gives a form's submit button the form's fields", () => {
    const rendered = renderCardText({
      schema: '2.0',
      body: {
        elements: [
          {
            tag: 'form',
            name: 'apply_form',
            elements: [
              {
                tag: 'input',
                name: 'reason',
                required: true,
                label: { tag: 'plain_text', content: '理由' },
              },
              {
                tag: 'select_static',
                name: 'dept',
                placeholder: { tag: 'plain_text', content: '部门' },
                options: [
                  { text: { tag: 'plain_text', content: '办公室' }, value: 'office' },
                  { text: { tag: 'plain_text', content: '学术部' }, value: 'academic' },
                ],
              },
              {
                tag: 'button',
                name: 'submit',
                text: { tag: 'plain_text', content: '提交' },
                form_action_type: 'submit',
                behaviors: [{ type: 'callback', value: { a: 'test.apply', v: 1 } }],
              },
            ],
          },
          button('取消', { a: 'test.cancel' }),
        ],
      },
    });
    expect(rendered.buttons).toEqual([
      {
        label: '提交',
        value: { a: 'test.apply', v: 1 },
        form: {
          name: 'apply_form',
          fields: [
            { name: 'reason', label: '理由', required: true },
            {
              name: 'dept',
              label: '部门',
              required: false,
              options: [
                { label: '办公室', value: 'office' },
                { label: '学术部', value: 'academic' },
              ],
            },
          ],
        },
      },
      // outside the form: no fields
      { label: '取消', value: { a: 'test.cancel' } },
    ]);
    expect(rendered.text).toContain('▢ 理由 *');
  });
});
