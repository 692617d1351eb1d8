import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, login, pageProblems, phonePage, startServer, type RunningServer } from './harness.js';

/**
 * The warm handover in Chromium on a 360 px phone, as the four people who make it: Daan (15)
 * applies and consents, his parent consents, the decaan of De Brug sends, the ROC's intake
 * officer accepts, holds the intake and places him, and the decaan sees the outcome come back.
 * axe-core runs on every page visited.
 */
describe('overstap (warm handover) in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let transferPath = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openDaansTransfer(page: Page, listHeading: string) {
    await page.getByRole('link', { name: 'Overstap', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Overstap' }).waitFor();
    await page.getByRole('heading', { name: listHeading }).waitFor();
    await page.getByRole('link', { name: 'Daan Jansen naar ROC Koersland' }).waitFor();
    await expectAccessible(page, `transfers (${listHeading})`);
    await page.getByRole('link', { name: 'Daan Jansen naar ROC Koersland' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overstapformulier van Daan Jansen' }).waitFor();
    transferPath = new URL(page.url()).pathname;
  }

  it('Daan applies to a school, fills in his part of the form to the ROC and consents', async () => {
    const page = await phonePage(browser);
    await login(page, server.url, 'leerling@demo.koers.nl');
    await expectAccessible(page, 'home (pupil)');
    await page.getByRole('link', { name: 'Overstap', exact: true }).click();
    await page.getByRole('heading', { name: 'Aanmelden bij een nieuwe school' }).waitFor();
    await expectAccessible(page, 'transfers (pupil)');
    // apply: find the hogeschool and apply there too
    await page.getByLabel('Zoek een school').fill('hogeschool');
    await page.getByLabel('School', { exact: true }).locator('option', { hasText: 'Hogeschool Koersland' }).waitFor({ state: 'attached' });
    await page.getByLabel('School', { exact: true }).selectOption({ label: 'Hogeschool Koersland (hbo, RMC-regio Koersland)' });
    await page.getByLabel('Opleiding').locator('option', { hasText: 'Verpleegkunde' }).waitFor({ state: 'attached' });
    await page.getByLabel('Opleiding').selectOption({ label: 'Verpleegkunde (CROHO 34560)' });
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overstapformulier van Daan Jansen' }).waitFor();
    await page.getByText('Hogeschool Koersland (hbo)').waitFor();
    await expectAccessible(page, 'new transfer (pupil)');

    await openDaansTransfer(page, 'Mijn overstap');
    await page.getByRole('heading', { name: 'Jouw deel' }).waitFor();
    await page.getByRole('heading', { name: 'Dit wordt verstuurd' }).waitFor();
    await expectAccessible(page, 'transfer form (pupil)');
    await page.getByRole('checkbox', { name: 'Snuffelstage in verpleeghuis De Eik' }).check();
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('gekozen door de leerling').waitFor();
    // What he keeps private does not appear in what is sent
    expect(await page.getByText('Wat ik lastig vind').count()).toBe(0);
    await page.getByRole('button', { name: 'Ik geef toestemming' }).click();
    await page.getByText(/Daan Jansen gaf toestemming/).waitFor();
    await expectAccessible(page, 'transfer form after consent (pupil)');
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('his parent sees what will be sent and consents too (Daan is under 16)', async () => {
    const page = await phonePage(browser);
    await login(page, server.url, 'ouder2@demo.koers.nl');
    await openDaansTransfer(page, 'Mijn overstap');
    await page.getByText('De leerling is jonger dan 16.').waitFor();
    await page.getByRole('heading', { name: 'Dit wordt verstuurd' }).waitFor();
    await expectAccessible(page, 'transfer form (parent)');
    await page.getByRole('button', { name: 'Ik geef toestemming' }).click();
    await page.getByText('Alle toestemming is er.').waitFor();
    await expectAccessible(page, 'transfer form after consent (parent)');
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('the decaan of De Brug sends the form', async () => {
    const page = await phonePage(browser);
    await login(page, server.url, 'decaan@demo.koers.nl');
    await expectAccessible(page, 'home (decaan)');
    await openDaansTransfer(page, 'Verstuurd door mijn school');
    await page.getByRole('heading', { name: 'Deel van de school' }).waitFor();
    await expectAccessible(page, 'transfer form (decaan)');
    await page.getByRole('button', { name: 'Formulier versturen' }).click();
    await page.getByRole('heading', { name: 'Dit is verstuurd' }).waitFor();
    await page.getByText('Aangemeld', { exact: true }).waitFor();
    await expectAccessible(page, 'sent transfer (decaan)');
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('the ROC’s intake officer accepts, holds the intake and places Daan', async () => {
    const page = await phonePage(browser);
    await login(page, server.url, 'intake@demo.koers.nl');
    await openDaansTransfer(page, 'Binnengekomen bij mijn school');
    await expectAccessible(page, 'received transfer (intake)');
    await page.getByRole('button', { name: 'Overstap aannemen' }).click();
    await page.getByRole('heading', { name: 'Intakegesprek' }).waitFor();
    await page.getByLabel('Datum en tijd van de intake').fill('2027-01-12T14:00');
    await page.getByRole('button', { name: 'Intake plannen' }).click();
    await page.getByLabel('Actie: eerste afspraken').waitFor();
    await expectAccessible(page, 'intake planned (intake)');
    await page.getByLabel('Terugkijken: motivatie').fill('Daan wil met ouderen werken.');
    await page.getByLabel('Reflecteren: verwachtingen').fill('Veel praktijk.');
    await page.getByLabel('Vooruitkijken: welke hulp is nodig').fill('Een vaste mentor.');
    await page.getByLabel('Actie: eerste afspraken').fill('Meeloopdag in januari.');
    await page.getByLabel('Uitkomst').selectOption('placed');
    await page.getByLabel('Terugkoppeling aan de vorige school').fill('Daan is geplaatst bij Helpende Zorg en Welzijn.');
    await page.getByRole('button', { name: 'Intake opslaan' }).click();
    await page.getByText('Geplaatst', { exact: true }).first().waitFor();
    await page.locator('.timeline').getByText('Intake gehad', { exact: true }).waitFor();
    await expectAccessible(page, 'intake recorded (intake)');
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('the decaan gets the outcome back, and sees the warm handover of De Brug', async () => {
    const page = await phonePage(browser);
    await login(page, server.url, 'decaan@demo.koers.nl');
    await page.goto(`${server.url}${transferPath}`);
    await page.getByText('Daan is geplaatst bij Helpende Zorg en Welzijn.').waitFor();
    expect(await page.getByText('Meeloopdag in januari.').count()).toBe(0);
    await expectAccessible(page, 'feedback (decaan)');
    await page.goto(`${server.url}/overstap`);
    await page.getByRole('link', { name: 'Warme overdracht van mijn school' }).click();
    await page.getByRole('heading', { level: 1, name: /Warme overdracht/ }).waitFor();
    await page.getByRole('cell', { name: 'Daan Jansen' }).waitFor();
    await expectAccessible(page, 'warm handover (decaan)');
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });
});
