/** A form field as the local chat asks for it. */
export interface TextField {
  name: string;
  label: string;
  required: boolean;
  options?: { label: string; value: string }[];
  /** What the card fills in (`default_value`, `initial_option`, `initial_date`): Feishu submits it when left as is. */
  initial?: string;
}

/** A clickable button found in a card. */
export interface TextButton {
  label: string;
  value: Record<string, unknown>;
  /** Set when the button submits a form: the fields to ask for. */
  form?: { name: string; fields: TextField[] };
}

export interface RenderedCard {
  text: string;
  buttons: TextButton[];
}

type Node = Record<string, unknown>;

/**
 * A schema-2.0 card as plain text with its buttons listed in order, for local mode
 * and the local chat (where a button is clicked by its number).
 */
export function renderCardText(card: unknown): RenderedCard {
  const lines: string[] = [];
  const buttons: TextButton[] = [];
  const c = (card ?? {}) as Node;
  const header = c.header as Node | undefined;
  const title = plain((header?.title as Node | undefined)?.content);
  if (title) lines.push(`【${title}】`);
  const subtitle = plain((header?.subtitle as Node | undefined)?.content);
  if (subtitle) lines.push(subtitle);
  const walk = (elements: unknown, form?: { name: string; fields: TextField[] }) => {
    for (const el of Array.isArray(elements) ? (elements as Node[]) : []) {
      switch (el.tag) {
        case 'markdown':
        case 'div':
          lines.push(unescapeMarkdown(plain(el.content ?? (el.text as Node | undefined)?.content)));
          break;
        case 'hr':
          lines.push('────────');
          break;
        case 'chart': {
          // A terminal cannot draw the chart: one line per data value (x fields, then y).
          const spec = (el.chart_spec ?? {}) as Node;
          const data = spec.data as Node | Node[] | undefined;
          const values = (
            Array.isArray(data) ? data.flatMap((d) => d.values) : (data?.values ?? [])
          ) as Node[];
          const xFields = (Array.isArray(spec.xField) ? spec.xField : [spec.xField]).map(String);
          for (const v of Array.isArray(values) ? values : []) {
            const label = xFields.map((f) => String(v?.[f] ?? '')).join(' · ');
            lines.push(`▇ ${label} ${String(v?.[String(spec.yField)] ?? '')}`);
          }
          break;
        }
        case 'column_set':
          for (const col of (el.columns as Node[] | undefined) ?? []) walk(col.elements, form);
          break;
        case 'form': {
          const f = { name: String(el.name ?? 'form'), fields: [] as TextField[] };
          walk(el.elements, f);
          break;
        }
        case 'input':
        case 'select_static':
        case 'date_picker': {
          const initial = el.default_value ?? el.initial_option ?? el.initial_date;
          const field: TextField = {
            name: String(el.name ?? ''),
            label:
              plain(
                (el.label as Node | undefined)?.content ?? (el.placeholder as Node | undefined)?.content,
              ) || String(el.name),
            required: el.required === true,
            ...(typeof initial === 'string' && initial !== '' ? { initial } : {}),
            ...(el.tag === 'select_static'
              ? {
                  options: ((el.options as Node[] | undefined) ?? []).map((o) => ({
                    label: plain((o.text as Node | undefined)?.content),
                    value: String(o.value),
                  })),
                }
              : {}),
          };
          form?.fields.push(field);
          lines.push(`  ▢ ${field.label}${field.required ? ' *' : ''}`);
          break;
        }
        case 'button': {
          const behavior = ((el.behaviors as Node[] | undefined) ?? []).find((b) => b.type === 'callback');
          const label = plain((el.text as Node | undefined)?.content);
          if (
            behavior &&
            typeof behavior.value === 'object' &&
            behavior.value !== null &&
            el.disabled !== true
          ) {
            const submits = el.form_action_type === 'submit' && form;
            buttons.push({
              label,
              value: behavior.value as Record<string, unknown>,
              ...(submits ? { form } : {}),
            });
            lines.push(`  [${buttons.length}] ${label}`);
          } else {
            lines.push(`  [ ${label} ]`);
          }
          break;
        }
        default:
          if (typeof el.content === 'string') lines.push(plain(el.content));
      }
    }
  };
  walk((c.body as Node | undefined)?.elements);
  return { text: lines.filter((l) => l !== '').join('\n'), buttons };
}

function plain(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/**
 * Shows `&#42;` as `*` again: the entities are for Feishu's renderer, not for a terminal.
 * The card's own markup is read first and the entities decoded last, so escaped user
 * text (`&#60;at id=all&#62;…`) shows as typed, never as a mention or markup.
 */
function unescapeMarkdown(s: string): string {
  return s
    .replace(/\*\*/g, '')
    .replace(/<font[^>]*>|<\/font>/g, '')
    .replace(/<at id=([^>]+)><\/at>/g, '@$1')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}
