import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * Dutch first, English second. Each feature keeps its strings in its own namespace file
 * (locales/nl/<feature>.json and locales/en/<feature>.json); they are gathered here.
 */
const files = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json', { eager: true });

const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [file, mod] of Object.entries(files)) {
  const [, lang, ns] = file.match(/\.\/locales\/(\w+)\/([\w-]+)\.json$/)!;
  (resources[lang] ??= {})[ns] = mod.default;
}

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

function initialLanguage(): Language {
  const saved = localStorage.getItem('koers.lang');
  return saved === 'en' || saved === 'nl' ? saved : 'nl';
}

void i18next.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'nl',
  defaultNS: 'common',
  ns: Object.keys(resources.nl ?? {}),
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function setLanguage(lang: Language) {
  localStorage.setItem('koers.lang', lang);
  document.documentElement.lang = lang;
  void i18next.changeLanguage(lang);
}

document.documentElement.lang = i18next.language;
export default i18next;
