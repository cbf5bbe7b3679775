import { describe, expect, it } from 'vitest';
import { renderCardText, type TextButton } from '../../src/cards/render-text.ts';
import { fillForm } from '../../src/cli/chat-view.ts';

const submit: TextButton = {
  label: '提交',
  value: { a: 'meeting.record', v: 1 },
  form: {
    name: 'meeting_form',
    fields: [
      {
        name: 'unit',
        label: '单位',
        required: true,
        options: [
          { label: '学术部', value: 'dept:academic' },
          { label: '文艺部', value: 'dept:arts' },
        ],
      },
      { name: 'date', label: '日期', required: true, initial: '2026-11-20' },
      { name: 'topic', label: '主题', required: true },
      { name: 'minutes', label: '纪要链接', required: false },
    ],
  },
};

/** Answers the prompts in order; records what was asked and said. */
function script(answers: string[]) {
  const prompts: string[] = [];
  const said: string[] = [];
  return {
    prompts,
    said,
    ask: async (prompt: string) => {
      prompts.push(prompt);
      return answers.shift();
    },
    out: (line: string) => {
      said.push(line);
    },
  };
}

describe('local chat forms', () => {
  it('asks each field, marks required ones with *, numbers the options and shows the card’s own value', async () => {
    const s = script(['2', '', '学习二十大', '']);
    const form = await fillForm(submit, s.ask, s.out);
    expect(s.prompts).toEqual([
      '  单位 * (1=学术部 2=文艺部): ',
      '  日期 * [2026-11-20]: ',
      '  主题 *: ',
      '  纪要链接: ',
    ]);
    // An option by number sends its value; an empty answer keeps the card's value, or leaves it blank.
    expect(form).toEqual({ unit: 'dept:arts', date: '2026-11-20', topic: '学习二十大' });
  });

  it('asks a required field again until it is answered, and an option again until one is picked', async () => {
    const s = script(['9', '学术部', '2026-12-01', '', '  ', '主题', 'https://x.test']);
    const form = await fillForm(submit, s.ask, s.out);
    expect(form).toEqual({
      unit: 'dept:academic',
      date: '2026-12-01',
      topic: '主题',
      minutes: 'https://x.test',
    });
    expect(s.said).toEqual(['    请输入 1–2 的编号。', '    （必填）', '    （必填）']);
  });

  it('gives up when the input ends inside the form', async () => {
    const s = script(['1']);
    expect(await fillForm(submit, s.ask, s.out)).toBeUndefined();
  });
});

describe('a form card as the local chat reads it', () => {
  it('keeps the values the card fills in, which Feishu submits when they are left as they are', () => {
    const { buttons } = renderCardText({
      schema: '2.0',
      body: {
        elements: [
          {
            tag: 'form',
            name: 'f',
            elements: [
              { tag: 'date_picker', name: 'date', required: true, initial_date: '2026-11-20' },
              {
                tag: 'select_static',
                name: 'first',
                initial_option: 'b',
                options: [
                  { text: { content: 'A' }, value: 'a' },
                  { text: { content: 'B' }, value: 'b' },
                ],
              },
              { tag: 'input', name: 'topic', label: { content: '主题' }, default_value: '例会' },
              { tag: 'input', name: 'note', label: { content: '备注' } },
              {
                tag: 'button',
                text: { content: '提交' },
                form_action_type: 'submit',
                behaviors: [{ type: 'callback', value: { a: 'x' } }],
              },
            ],
          },
        ],
      },
    });
    expect(buttons[0]?.form?.fields.map((f) => [f.name, f.initial])).toEqual([
      ['date', '2026-11-20'],
      ['first', 'b'],
      ['topic', '例会'],
      ['note', undefined],
    ]);
  });
});
