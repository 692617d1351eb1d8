import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible, launchBrowser, login, pageProblems, phonePage, startServer, type RunningServer } from './harness.js';

const HOMES: Record<string, RegExp> = {
  'student@demo.koers.nl': /Mijn opleiding/,
  'student2@demo.koers.nl': /Mijn opleiding/,
  'mentor@demo.koers.nl': /Mijn studenten/,
  'docent@demo.koers.nl': /Mijn studenten/,
  'coordinator@demo.koers.nl': /LOB-programma/,
  'manager@demo.koers.nl': /opleidingsteam/,
  'admin@demo.koers.nl': /beheer je de instelling/,
  'ouder@demo.koers.nl': /Mijn studenten/,
  'praktijk@demo.koers.nl': /stagiairs/,
};

describe('app shell in Chromium', () => {
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

  it('shows an accessible login page with a skip link and Dutch text, switchable to English', async () => {
    const page = await phonePage(browser);
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/inloggen/);
    await expect(page.locator('h1')).toBeDefined();
    expect(await page.locator('h1').textContent()).toBe('Inloggen');
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await expectAccessible(page, 'login');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Naar de inhoud');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expectAccessible(page, 'login (en)');
    await page.getByRole('button', { name: 'Nederlands' }).click();
    expect(pageProblems(page)).toEqual([]);
  });

  it('serves the app for client routes, but a 404 for a missing file', async () => {
    const page = await fetch(`${server.url}/portfolio/groei`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const asset = await fetch(`${server.url}/assets/index-outdated.js`);
    expect(asset.status).toBe(404);
    expect((await asset.json()).error.code).toBe('route_not_found');
  });

  it('refuses a wrong password with a clear message', async () => {
    const page = await phonePage(browser);
    await page.goto(`${server.url}/inloggen`);
    await page.getByLabel('E-mailadres').fill('student@demo.koers.nl');
    await page.getByLabel('Wachtwoord').fill('niet-goed');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('klopt niet');
    await expectAccessible(page, 'login error');
  });

  for (const [email, home] of Object.entries(HOMES)) {
    it(`signs in ${email} to a home page that fits the role`, async () => {
      const page = await phonePage(browser);
      await login(page, server.url, email);
      await page.locator('main').getByText(home).first().waitFor();
      await expectAccessible(page, `home of ${email}`);
      expect(pageProblems(page)).toEqual([]);
      await page.context().close();
    });
  }

  it('lets the mentor open the file of a student in the group', async () => {
    const page = await phonePage(browser);
    await login(page, server.url, 'mentor@demo.koers.nl');
    await page.getByRole('link', { name: 'Sanne de Wit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sanne de Wit' }).waitFor();
    await page.getByText('Zorgcentrum De Linde').first().waitFor();
    await expectAccessible(page, 'student file');
  });

  it("shows Sanne who looked at her record, lets her download her data and decide about her parent after 18", async () => {
    const mentor = await phonePage(browser);
    await login(mentor, server.url, 'mentor@demo.koers.nl');
    await mentor.getByRole('link', { name: 'Sanne de Wit' }).click();
    await mentor.getByRole('heading', { level: 1, name: 'Sanne de Wit' }).waitFor();
    await mentor.context().close();

    const page = await phonePage(browser);
    await login(page, server.url, 'student@demo.koers.nl');
    await page.goto(`${server.url}/mijn-gegevens`);
    await page.getByRole('heading', { level: 1, name: 'Mijn gegevens' }).waitFor();
    await page.getByRole('cell', { name: 'Mirjam Hoekstra' }).first().waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download mijn gegevens' }).click();
    const file = await (await download).path();
    const data = JSON.parse(fs.readFileSync(file!, 'utf8'));
    expect(data.modules.org.user.email).toBe('student@demo.koers.nl');

    const optIn = page.getByLabel('Marloes de Wit mag na mijn 18e blijven meekijken');
    expect(await optIn.isChecked()).toBe(false);
    await optIn.check();
    await page.getByText('Opgeslagen.').waitFor();
    await expectAccessible(page, 'my data');
    expect(pageProblems(page)).toEqual([]);
  });
});
