import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, login, pageProblems, phonePage, startServer, type RunningServer } from './harness.js';

/**
 * Sluitende aanpak end to end, on a 360 px phone in Chromium, as the RMC trajectbegeleider:
 * the regional overview with young people without a case owner first, assigning the case
 * owner, adding an action with a follow-up date, closing the case with an outcome, and the
 * dropout analysis with its hidden small groups. axe-core on every page on the way.
 */
function inDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

async function visit(page: Page, url: string, label: string) {
  await page.goto(url);
  await page.locator('h1').first().waitFor();
  await page.getByRole('status').filter({ hasText: /Laden|Loading/ }).waitFor({ state: 'detached' }).catch(() => undefined);
  await expectAccessible(page, label);
}

describe('sluitende aanpak in Chromium', () => {
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

  it('the RMC user assigns a case owner, adds a follow-up and closes the case with an outcome', async () => {
    const page = await phonePage(browser);
    await login(page, server.url, 'rmc@demo.koers.nl');
    await expectAccessible(page, 'rmc home');
    await page.getByRole('link', { name: 'Regio' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Jongeren in de regio' }).waitFor();
    await page.getByRole('status').filter({ hasText: /jongeren/ }).waitFor();
    await expectAccessible(page, 'regional overview');
    // most urgent first: the first young person listed has no case owner
    await expect(page.locator('.youth-list > li').first().getByText('Nog geen casuseigenaar').count()).resolves.toBe(1);

    await page.getByLabel('Casuseigenaar').selectOption('none');
    await page.getByRole('link', { name: 'Kevin Pinas' }).waitFor();
    await expectAccessible(page, 'overview without case owner');
    await page.getByRole('link', { name: 'Kevin Pinas' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kevin Pinas' }).waitFor();
    await page.getByRole('heading', { name: 'Casus', exact: true }).waitFor();
    await expectAccessible(page, 'young person without owner');

    await page.getByLabel('Casuseigenaar').selectOption({ label: 'Roos van Beek (RMC-trajectbegeleider)' });
    await page.getByRole('button', { name: 'Eigenaar opslaan' }).click();
    await page.getByText('De casuseigenaar is opgeslagen.').waitFor();
    await page.getByText('Casuseigenaar: Roos van Beek').first().waitFor();
    await expectAccessible(page, 'owner assigned');

    await page.getByLabel('Soort actie').selectOption('home_visit');
    await page.getByLabel('Wat is er gedaan of afgesproken?').fill('Op huisbezoek geweest. Kevin wil een BBL-plek in de logistiek; samen naar het jongerenloket.');
    await page.getByLabel('Verwijst naar (sociale kaart)').selectOption({ label: 'Jongerenloket Amersfoort' });
    await page.getByLabel('Volgende opvolging').fill(inDays(7));
    await page.getByRole('button', { name: 'Actie opslaan' }).click();
    await page.getByText('De actie is opgeslagen.').waitFor();
    await page.getByText(/Kevin wil een BBL-plek/).waitFor();
    await page.getByText('Verwijst naar: Jongerenloket Amersfoort').waitFor();
    await page.getByText(/^Opvolgen op /).first().waitFor();
    await expectAccessible(page, 'action with follow-up');

    await page.getByLabel('Uitkomst').selectOption('work');
    await page.getByLabel('Toelichting (niet verplicht)').fill('Werkt sinds deze week bij een distributiecentrum.');
    await page.getByRole('button', { name: 'Casus afsluiten' }).click();
    await page.getByRole('heading', { name: 'Afgesloten casussen' }).waitFor();
    await page.getByText('Werkt sinds deze week bij een distributiecentrum.').waitFor();
    await expect(page.getByRole('button', { name: 'Casus afsluiten' }).count()).resolves.toBe(0);
    await expectAccessible(page, 'case closed');

    // Kevin no longer shows among the young people without a place
    await visit(page, `${server.url}/regio`, 'overview after closing');
    await page.getByRole('status').filter({ hasText: /jongeren/ }).waitFor();
    await expect(page.getByRole('link', { name: 'Kevin Pinas' }).count()).resolves.toBe(0);
    expect(pageProblems(page)).toEqual([]);
  });

  it('the RMC user searches the sociale kaart and reads the dropout analysis with small groups hidden', async () => {
    const page = await phonePage(browser);
    await login(page, server.url, 'rmc@demo.koers.nl');
    await visit(page, `${server.url}/regio/sociale-kaart`, 'sociale kaart');
    await page.getByLabel('Leeftijd van de jongere').fill('24');
    await page.getByLabel('Zoeken').fill('dagbesteding');
    await page.getByRole('heading', { name: 'Dagbesteding De Werkplaats' }).waitFor();
    await expect(page.getByRole('heading', { name: 'Jeugdhulp Vallei' }).count()).resolves.toBe(0);
    await expectAccessible(page, 'sociale kaart searched');
    await visit(page, `${server.url}/regio/uitval`, 'dropout analysis');
    await page.getByRole('table').waitFor();
    await expect(page.getByRole('row', { name: /Entree/ }).getByText('minder dan 10, niet getoond').count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Download als CSV' }).getAttribute('href')).resolves.toMatch(/dropout\.csv\?by=programme/);
    await page.getByLabel('Bekijk per').selectOption('month');
    await page.getByRole('heading', { name: 'Uitval per maand na de start' }).waitFor();
    await expectAccessible(page, 'dropout by month');
    expect(pageProblems(page)).toEqual([]);
  });
});
