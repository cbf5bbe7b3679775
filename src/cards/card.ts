/** Card JSON 2.0, as much of it as the bot uses. Cards are plain data built by pure functions. */
export interface Card {
  schema: '2.0';
  config: { update_multi: true; width_mode?: 'default' | 'fill' | 'compact'; summary?: { content: string } };
  header?: {
    title: { tag: 'plain_text'; content: string };
    subtitle?: { tag: 'plain_text'; content: string };
    template?: CardColor;
  };
  body: { elements: CardElement[] };
}

export type CardColor =
  | 'blue'
  | 'wathet'
  | 'turquoise'
  | 'green'
  | 'yellow'
  | 'orange'
  | 'red'
  | 'grey'
  | 'violet'
  | 'indigo';

export type CardElement = Record<string, unknown> & { tag: string };

/** A new card with a header. */
export function card(
  title: string,
  elements: CardElement[],
  template: CardColor = 'blue',
  subtitle?: string,
): Card {
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: title } },
    header: {
      title: { tag: 'plain_text', content: title },
      ...(subtitle ? { subtitle: { tag: 'plain_text' as const, content: subtitle } } : {}),
      template,
    },
    body: { elements },
  };
}

/** A markdown element. Pass escaped text only (see escape.ts). */
export function markdown(content: string): CardElement {
  return { tag: 'markdown', content };
}

export function divider(): CardElement {
  return { tag: 'hr' };
}

/** Plain text, as labels, placeholders and button texts take it. */
export function plainText(content: string): { tag: 'plain_text'; content: string } {
  return { tag: 'plain_text', content };
}

/** A form: its fields come back in the submit callback's `form_value`, under their names. */
export function form(name: string, elements: CardElement[]): CardElement {
  return { tag: 'form', name, elements };
}

/** A text field of a form; its placeholder is the label unless given. */
export function input(
  name: string,
  label: string,
  opts: {
    required?: boolean;
    placeholder?: string;
    maxLength?: number;
    /** A multi-line text area of that many rows. */
    multiline?: { rows: number };
    defaultValue?: string;
  } = {},
): CardElement {
  return {
    tag: 'input',
    name,
    required: opts.required ?? false,
    ...(opts.maxLength !== undefined ? { max_length: opts.maxLength } : {}),
    label: plainText(label),
    placeholder: plainText(opts.placeholder ?? label),
    ...(opts.defaultValue !== undefined ? { default_value: opts.defaultValue } : {}),
    ...(opts.multiline ? { input_type: 'multiline_text', rows: opts.multiline.rows } : {}),
  };
}

/** A drop-down of a form; `placeholder` is shown until something is chosen. */
export function select(
  name: string,
  placeholder: string,
  options: readonly { label: string; value: string }[],
  opts: { required?: boolean; initialOption?: string } = {},
): CardElement {
  return {
    tag: 'select_static',
    name,
    required: opts.required ?? false,
    placeholder: plainText(placeholder),
    ...(opts.initialOption !== undefined ? { initial_option: opts.initialOption } : {}),
    options: options.map((o) => ({ text: plainText(o.label), value: o.value })),
  };
}

export type ButtonType = 'default' | 'primary' | 'danger' | 'primary_filled' | 'danger_filled' | 'text';

/** A form's submit button: the click comes back with `value` and the form's fields. */
export function submitButton(
  name: string,
  text: string,
  value: Record<string, unknown>,
  type: ButtonType = 'default',
): CardElement {
  return {
    tag: 'button',
    name,
    text: plainText(text),
    type,
    form_action_type: 'submit',
    behaviors: [{ type: 'callback', value }],
  };
}

/** A button whose click comes back as a `card.action.trigger` callback with `value`. */
export function button(
  text: string,
  value: Record<string, unknown>,
  type: ButtonType = 'default',
): CardElement {
  return {
    tag: 'button',
    text: plainText(text),
    type,
    behaviors: [{ type: 'callback', value }],
  };
}

/** Buttons side by side, wrapping on narrow screens. */
export function buttonRow(buttons: CardElement[]): CardElement {
  return {
    tag: 'column_set',
    flex_mode: 'flow',
    horizontal_spacing: '8px',
    columns: buttons.map((b) => ({ tag: 'column', width: 'auto', elements: [b] })),
  };
}

/**
 * Bars side by side per group, one per kind (a VChart grouped bar chart inside a 2.0
 * card): members next to seats per department, received next to resolved per category.
 * Two fields on x put the kinds side by side (one field would stack them).
 */
export function groupedBarChart(
  groupField: string,
  values: readonly { group: string; kind: string; count: number }[],
): CardElement {
  return {
    tag: 'chart',
    aspect_ratio: '16:9',
    chart_spec: {
      type: 'bar',
      data: { values: values.map((v) => ({ [groupField]: v.group, kind: v.kind, count: v.count })) },
      xField: [groupField, 'kind'],
      yField: 'count',
      seriesField: 'kind',
      legends: { visible: true, orient: 'bottom' },
      label: { visible: true },
    },
  };
}
