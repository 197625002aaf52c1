// The pure side of the catalogue: look a key up in a language and fill in `{param}`s. No runes,
// so plain modules (the timeline's line builder, tests) can use it.
import { en, type MessageKey, type Messages } from './en';

export type Lang = 'en' | 'zh';
export type Params = Record<string, string | number>;

export const LANGS: Lang[] = ['en', 'zh'];
/** English is always here; Chinese is a chunk of its own, loaded when chosen (loadCatalogue). */
export const catalogues: Partial<Record<Lang, Messages>> = { en };

/** Loads a language's catalogue; until it is here, translate falls back to English. */
export function loadCatalogue(lang: Lang): Promise<void> {
  if (catalogues[lang]) return Promise.resolve();
  return import('./zh').then((m) => void (catalogues.zh = m.zh));
}

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
