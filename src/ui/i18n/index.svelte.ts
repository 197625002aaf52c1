// The UI's language, as a rune: `t(key, params)` in a template re-renders when `setLang` changes
// it. One catalogue file per language (en.ts, zh.ts); add keys to both.
import { translate, type Lang, type MessageKey, type Params } from './translate';

export const locale = $state<{ lang: Lang }>({ lang: 'en' });

export function setLang(lang: Lang): void {
  locale.lang = lang;
  if (typeof document !== 'undefined') document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

export function t(key: MessageKey, params?: Params): string {
  return translate(locale.lang, key, params);
}

export { translate, type Lang, type MessageKey, type Params };
