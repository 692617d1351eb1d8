import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS } from './notifications.js';

/** The e-mail choices list every kind of notification: each needs its words in both languages. */
describe('notification kinds', () => {
  it.each(['nl', 'en'])('each has a label in the web client (%s)', (lang) => {
    const file = path.resolve(import.meta.dirname, `../../../../web/src/i18n/locales/${lang}/guidance.json`);
    const labels = JSON.parse(fs.readFileSync(file, 'utf8')).notifications.kind as Record<string, string>;
    expect(NOTIFICATION_KINDS.filter((kind) => !labels[kind])).toEqual([]);
  });
});
