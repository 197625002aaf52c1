// The UI's language, as a rune: `t(key, params)` in a template re-renders when `setLang` changes
// it, and again when the chosen language's catalogue arrives (Chinese loads on demand; English
// meanwhile). One catalogue file per language (en.ts, zh.ts); add keys to both.
import { catalogues, loadCatalogue, translate, type Lang, type MessageKey, type Params } from './translate';

export const locale = $state<{ lang: Lang; loaded: number }>({ lang: 'en', loaded: 0 });

/** The language the page starts in: the learner's last choice, else the browser's. */
export function initialLang(): Lang {
  return (localStorage.getItem('kubeplay.lang') as Lang | null) ?? (navigator.language.startsWith('zh') ? 'zh' : 'en');
}

export function setLang(lang: Lang): void {
  locale.lang = lang;
  if (typeof document !== 'undefined') document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  if (!catalogues[lang]) void loadCatalogue(lang).then(() => locale.loaded++);
}

export function t(key: MessageKey, params?: Params): string {
  void locale.loaded;
  return translate(locale.lang, key, params);
}

export { loadCatalogue, translate, type Lang, type MessageKey, type Params };
