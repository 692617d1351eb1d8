import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every text exists in Dutch and in English: the same namespaces, the same keys. */
const LOCALES = path.join(import.meta.dirname, 'locales');

function keys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

const namespaces = (lang: string) => fs.readdirSync(path.join(LOCALES, lang)).filter((f) => f.endsWith('.json')).sort();
const read = (lang: string, file: string) => JSON.parse(fs.readFileSync(path.join(LOCALES, lang, file), 'utf8'));

describe('translations', () => {
  it('have the same namespaces in Dutch and English', () => {
    expect(namespaces('en')).toEqual(namespaces('nl'));
  });

  it.each(namespaces('nl'))('%s has the same keys in Dutch and English, none empty', (file) => {
    const nl = read('nl', file);
    const en = read('en', file);
    // i18next plural forms differ per language (_one/_other); compare their base keys
    const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '');
    expect([...new Set(keys(en).map(base))].sort()).toEqual([...new Set(keys(nl).map(base))].sort());
    const empty = [...keys(nl).map((k) => ['nl', k, k.split('.').reduce((o: any, p) => o?.[p], nl)]), ...keys(en).map((k) => ['en', k, k.split('.').reduce((o: any, p) => o?.[p], en)])]
      .filter(([, , v]) => typeof v === 'string' && v.trim() === '')
      .map(([lang, k]) => `${lang}:${k}`);
    expect(empty).toEqual([]);
  });
});
