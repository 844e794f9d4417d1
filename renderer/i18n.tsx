// UI language: Simplified Chinese first, English on a switch. `t(zh, en)` keeps both wordings side by
// side where they are used, so a reader sees what the English says without a key table.
import { createContext, useContext } from 'react';

export type Lang = 'zh' | 'en';

export interface I18n {
  lang: Lang;
  t: (zh: string, en: string) => string;
  setLang: (l: Lang) => void;
}

export const I18nContext = createContext<I18n>({ lang: 'zh', t: (zh) => zh, setLang: () => undefined });

export const useI18n = () => useContext(I18nContext);

export function makeI18n(lang: Lang, setLang: (l: Lang) => void): I18n {
  return { lang, setLang, t: (zh, en) => (lang === 'zh' ? zh : en) };
}

/** Picks the part of a bilingual server message (`中文 / English`) in the current language. */
export function pickMessage(message: string, lang: Lang): string {
  return message
    .split('\n')
    .map((line) => {
      const i = line.indexOf(' / ');
      if (i < 0) return line;
      return lang === 'zh' ? line.slice(0, i) : line.slice(i + 3);
    })
    .join('\n');
}
