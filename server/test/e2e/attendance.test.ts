import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible, launchBrowser, login, pageProblems, phonePage, startServer, type RunningServer } from './harness.js';

/**
 * Attendance taken quickly with the keyboard keeps every mark: a mentor goes down the class,
 * choosing with the arrow keys without waiting for anything, and after a reload all twenty
 * students have the mark that was chosen last.
 */
describe('attendance by keyboard, in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('loses no mark when the mentor goes through the class quickly', async () => {
    const page = await phonePage(browser);
    await login(page, server.url, 'mentor@demo.koers.nl');
    await page.goto(`${server.url}/aanwezigheid`);
    await page.getByLabel('Klas').selectOption({ label: 'Helpende Zorg en Welzijn 2A' });
    await page.getByLabel('Naam').fill('Les LOB: sollicitatiebrief');
    await page.getByRole('button', { name: 'Aanwezigheid opnemen' }).click();
    await page.waitForURL(/\/aanwezigheid\/[0-9a-f-]{36}$/);
    const rows = page.getByRole('group');
    await rows.first().waitFor();
    const count = await rows.count();
    expect(count).toBe(20);

    // Every row: Space on "Aanwezig", then one arrow step to "Te laat" for the even rows.
    for (let i = 0; i < count; i += 1) {
      const present = rows.nth(i).getByRole('radio', { name: 'Aanwezig' });
      await present.focus();
      await page.keyboard.press('Space');
      if (i % 2 === 0) await page.keyboard.press('ArrowRight');
    }
    await page.getByText('20 van 20 studenten ingevuld.').waitFor();
    await expectAccessible(page, 'attendance taken by keyboard');

    await page.reload();
    await rows.first().waitFor();
    for (let i = 0; i < count; i += 1) {
      const expected = i % 2 === 0 ? 'Te laat' : 'Aanwezig';
      expect(await rows.nth(i).getByRole('radio', { name: expected }).isChecked(), `row ${i + 1}`).toBe(true);
    }
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });
});
