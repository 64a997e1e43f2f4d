import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { messages, type Language } from './messages';

export type { Language };
export const LANGUAGES: Language[] = ['pl', 'en'];
const STORAGE_KEY = 'civicflow.portal.language';

interface I18n {
  lang: Language;
  setLang(lang: Language): void;
  /** The text under a dotted key ("report.title"); {name} placeholders are filled from vars. */
  t(key: string, vars?: Record<string, string | number>): string;
  /** Picks the text of the current language from a { pl, en } pair the API sends. */
  pick(text: { pl: string; en: string } | null | undefined): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  if (stored === 'pl' || stored === 'en') return stored;
  // Residents of a Polish city get Polish unless their browser asks for something else entirely.
  return navigator.language.toLowerCase().startsWith('en') ? 'en' : 'pl';
}

function lookup(tree: unknown, key: string): string | undefined {
  let node = tree;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(initialLanguage);
  useEffect(() => {
    // Screen readers pick their voice from the page's language.
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((next: Language) => {
    window.localStorage.setItem(STORAGE_KEY, next);
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t(key, vars) {
        const text = lookup(messages[lang], key) ?? lookup(messages.pl, key) ?? key;
        return vars ? text.replace(/\{(\w+)\}/g, (all, name: string) => String(vars[name] ?? all)) : text;
      },
      pick(text) {
        return text ? text[lang] || text.pl : '';
      },
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
