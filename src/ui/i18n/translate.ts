// The pure side of the catalogue: look a key up in a language and fill in `{param}`s. No runes,
// so plain modules (the timeline's line builder, tests) can use it.
import { en, type MessageKey, type Messages } from './en';
import { zh } from './zh';

export type Lang = 'en' | 'zh';
export type Params = Record<string, string | number>;

export const LANGS: Lang[] = ['en', 'zh'];
export const catalogues: Record<Lang, Messages> = { en, zh };

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const text = catalogues[lang]?.[key] ?? en[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** The placeholders a message uses, for the catalogue test. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

export type { MessageKey, Messages };
