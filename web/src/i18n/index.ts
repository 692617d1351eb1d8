import i18next, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * Dutch first, English second. Each feature keeps its strings in its own namespace file
 * (locales/nl/<feature>.json and locales/en/<feature>.json). The shell's namespaces ship with
 * the first load; a feature's strings load with its page, so the first load stays small.
 */
const shellFiles = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/{common,nav}.json', { eager: true });
const featureFiles = import.meta.glob<{ default: Record<string, unknown> }>(['./locales/*/*.json', '!./locales/*/{common,nav}.json']);

const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [file, mod] of Object.entries(shellFiles)) {
  const [, lang, ns] = file.match(/\.\/locales\/(\w+)\/([\w-]+)\.json$/)!;
  (resources[lang] ??= {})[ns] = mod.default;
}

const lazyNamespaces: BackendModule = {
  type: 'backend',
  init() {},
  read(language, namespace, callback) {
    const load = featureFiles[`./locales/${language}/${namespace}.json`];
    if (!load) return callback(null, {});
    load().then(
      (mod) => callback(null, mod.default),
      (err) => callback(err, null),
    );
  },
};

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

function initialLanguage(): Language {
  const saved = localStorage.getItem('koers.lang');
  return saved === 'en' || saved === 'nl' ? saved : 'nl';
}

void i18next
  .use(lazyNamespaces)
  .use(initReactI18next)
  .init({
    resources,
    partialBundledLanguages: true,
    lng: initialLanguage(),
    fallbackLng: 'nl',
    defaultNS: 'common',
    ns: ['common', 'nav'],
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
