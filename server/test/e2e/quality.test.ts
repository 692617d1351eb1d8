import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, login, pageProblems, phonePage, startServer, type RunningServer } from './harness.js';

/**
 * A team-scan end to end in Chromium on a 360 px phone: the LOB-coördinator makes it from the
 * ready instrument for Team Zorg & Welzijn and sends it; two teachers answer; the coordinator
 * reads the profile per theme (chart and table) and turns the weakest theme into an action on
 * the Kwaliteitskaart. axe-core runs on every page visited.
 */
const SHOTS = process.env.KOERS_SCREENSHOTS;
async function shot(page: Page, name: string) {
  if (SHOTS) {
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }
}

describe('Team-scan and Kwaliteitskaart in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let scanPath = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets the coordinator create a team-scan from the template and send it to the team', async () => {
    const page = await phonePage(browser);
    await login(page, server.url, 'coordinator@demo.koers.nl');
    await page.getByRole('link', { name: 'Kwaliteit', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Kwaliteit van LOB' }).waitFor();
    await page.getByLabel('Kant-en-klaar instrument').selectOption({ label: 'Team-scan LOB' });
    await page.getByText('Voor: docenten, mentoren en de manager van een opleidingsteam.', { exact: false }).waitFor();
    await page.getByLabel('Team', { exact: true }).selectOption({ label: 'Team Zorg & Welzijn' });
    await expectAccessible(page, 'quality overview');
    await shot(page, 'quality-overview');
    await page.getByRole('button', { name: 'Maken' }).click();
    await page.waitForURL(/\/kwaliteit\/vragenlijsten\//);
    scanPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { level: 1, name: 'Team-scan LOB' }).waitFor();
    await page.getByText('Nog niet verstuurd').first().waitFor();
    await expectAccessible(page, 'scan before sending');
    await page.getByRole('button', { name: 'Versturen' }).click();
    await page.getByText(/mensen uitgenodigd/).waitFor();
    await page.getByText(/0 van \d+ ingevuld/).waitFor();
    await expectAccessible(page, 'scan after sending');
    await shot(page, 'scan-sent');
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });

  for (const [email, gesprek, rest] of [
    ['docent@demo.koers.nl', '2', '4'],
    ['mentor@demo.koers.nl', '3', '5'],
  ] as const) {
    it(`lets ${email.split('@')[0]} answer the team-scan on a phone`, async () => {
      const page = await phonePage(browser);
      await login(page, server.url, email);
      await page.getByRole('link', { name: 'Vragenlijsten' }).click();
      await page.getByRole('heading', { level: 1, name: 'Vragenlijsten' }).waitFor();
      await page.getByRole('link', { name: 'Team-scan LOB', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Team-scan LOB' }).waitFor();
      await page.getByText('Je naam staat bij je antwoorden.', { exact: false }).waitFor();
      await expectAccessible(page, `team-scan form (${email})`);
      // Every statement: "Klopt" or "Klopt helemaal"; the loopbaangesprek lower.
      const radios = page.locator(`input[type="radio"][value="${rest}"]`);
      const count = await radios.count();
      expect(count).toBe(16);
      for (let i = 0; i < count; i++) await radios.nth(i).check();
      const gesprekken = page.locator(`input[type="radio"][name^="q-ts_gesprek"][value="${gesprek}"]`);
      for (let i = 0; i < (await gesprekken.count()); i++) await gesprekken.nth(i).check();
      await page.getByLabel('Waar is het team trots op als het om LOB gaat?').fill('De stagegesprekken met het werkveld.');
      await shot(page, `team-scan-form-${email.split('@')[0]}`);
      await page.getByRole('button', { name: 'Versturen' }).click();
      await page.getByText('Bedankt! Je antwoorden zijn opgeslagen.').waitFor();
      await expectAccessible(page, `team-scan answered (${email})`);
      await page.getByRole('link', { name: 'Terug naar je vragenlijsten' }).click();
      await page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Team-scan LOB', exact: true }) }).getByText('Ingevuld, bedankt!').waitFor();
      expect(pageProblems(page)).toEqual([]);
      await page.context().close();
    });
  }

  it('shows the coordinator the profile and turns the weakest theme into a Kwaliteitskaart action', async () => {
    const page = await phonePage(browser);
    await login(page, server.url, 'coordinator@demo.koers.nl');
    await page.goto(`${server.url}${scanPath}`);
    await page.getByRole('heading', { level: 1, name: 'Team-scan LOB' }).waitFor();
    await page.getByText(/2 van \d+ ingevuld/).waitFor();
    await page.getByRole('heading', { name: 'Profiel per thema' }).waitFor();
    const row = page.getByRole('row', { name: /Het loopbaangesprek/ });
    // docent 2 and mentor 3 on every conversation statement: 2,5 for the team
    await row.getByText('2,5 (n=2)').first().waitFor();
    await row.getByText('laagste score').waitFor();
    await page.getByRole('row', { name: /Visie en beleid/ }).getByText('4,5 (n=2)').first().waitFor();
    // The chart is drawn beside the table.
    await page.locator('.profile-chart canvas').waitFor();
    await expectAccessible(page, 'scan profile');
    await shot(page, 'scan-profile');
    await page.getByRole('link', { name: 'Verbeteractie maken voor Het loopbaangesprek' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kwaliteitskaart' }).waitFor();
    await expect.poll(() => page.getByLabel('Thema uit de scan').inputValue()).toBe('gesprek');
    await page.getByLabel('Stap').selectOption('verbeteren');
    await page.getByLabel('Wat gaan we doen?').fill('Een gespreksweek in elke periode');
    await page.getByLabel('Toelichting').fill('Gespreksweek in periode 3 en een training voor nieuwe mentoren.');
    await page.getByLabel('Eigenaar').selectOption({ label: 'Peter Claassen' });
    const due = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Klaar op').fill(due);
    await expectAccessible(page, 'Kwaliteitskaart form');
    await page.getByRole('button', { name: 'Actie opslaan' }).click();
    await page.getByText('De actie staat op de Kwaliteitskaart.').waitFor();
    const verbeteren = page.getByRole('region', { name: 'Verbeteren' });
    await verbeteren.getByRole('heading', { name: 'Een gespreksweek in elke periode' }).waitFor();
    await verbeteren.getByText('Het loopbaangesprek · Team Zorg & Welzijn · Peter Claassen').waitFor();
    // The demo's two open actions of this school year, and this one.
    await page.getByText('3 open acties').waitFor();
    await expectAccessible(page, 'Kwaliteitskaart with the action');
    await shot(page, 'kwaliteitskaart');
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });
});
