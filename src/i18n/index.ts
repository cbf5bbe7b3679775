import { enUS } from './en-US.ts';
import { type MessageKey, zhCN } from './zh-CN.ts';

export type { MessageKey };
export type Locale = 'zh-CN' | 'en-US';
export type Params = Record<string, string | number>;
/** Looks up a text and fills `{name}` placeholders. */
export type Translate = (key: MessageKey, params?: Params) => string;

const catalogs: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };

/** The one way user-facing text is produced. Unknown placeholders stay visible, so a typo shows in tests. */
export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  return (key, params) => fill(catalog[key], params);
}

function fill(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** The list separator of a locale (`、` or `, `). */
export function joinList(locale: Locale, items: readonly string[]): string {
  return items.join(locale === 'zh-CN' ? '、' : ', ');
}
