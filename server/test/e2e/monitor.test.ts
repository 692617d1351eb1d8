import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible, launchBrowser, login, pageProblems, phonePage, startServer, type RunningServer } from './harness.js';

/**
 * The manager's LOB dashboard end to end in Chromium on a 360 px phone: their own team's
 * indicators, every chart with its table of the same numbers, comparison with the institution
 * and the nation, the plain explanation of every indicator, a drill-down into an opleiding of
 * their team, and the CSV download. axe-core runs on every state.
 */
describe('LOB monitor in Chromium', () => {
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

  it("shows the manager's dashboard with charts and their tables, comparisons and explanations", async () => {
    const page = await phonePage(browser);
    await login(page, server.url, 'manager@demo.koers.nl');
    await page.getByRole('link', { name: 'Monitor', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Monitor LOB' }).waitFor();
    await page.getByRole('heading', { level: 2, name: /Team Zorg/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Kerncijfers (in %)' }).waitFor();
    // the comparison columns are there once institution and nation have answered
    await page.getByRole('columnheader', { name: 'Nederland' }).first().waitFor();
    await page.getByRole('columnheader', { name: 'ROC Koersland' }).first().waitFor();
    const sections = page.locator('section.monitor-section');
    const count = await sections.count();
    expect(count).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < count; i++) {
      const section = sections.nth(i);
      // every chart has its table, and the table has a row per indicator
      await section.locator('canvas[data-chart="monitor"]').waitFor({ state: 'attached' });
      expect(await section.locator('table caption').count()).toBe(1);
      expect(await section.locator('tbody tr').count()).toBeGreaterThan(0);
    }
    await expect(page.getByRole('row', { name: /Studenten met een loopbaangesprek/ }).first()).toBeTruthy();
    await page.getByRole('heading', { level: 2, name: 'Wat betekenen de cijfers?' }).waitFor();
    await page.getByText('Het deel van de studenten (in %) dat dit schooljaar minstens één loopbaangesprek had', { exact: false }).waitFor();
    await expectAccessible(page, 'monitor team dashboard');

    // drill down into an opleiding of the own team
    await page.getByRole('button', { name: 'Helpende Zorg en Welzijn' }).click();
    await page.getByRole('heading', { level: 2, name: /Helpende Zorg en Welzijn/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Kerncijfers (in %)' }).waitFor();
    await expectAccessible(page, 'monitor opleiding dashboard');

    // CSV of what is shown
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download als CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^lob-monitor-opleiding-\d{4}-\d{4}\.csv$/);

    // the institution view with the manager's own team to open, not the other team
    await page.getByLabel('Niveau').selectOption('institution');
    await page.getByRole('heading', { level: 2, name: /ROC Koersland/ }).waitFor();
    await page.getByRole('button', { name: /Team Zorg/ }).waitFor();
    expect(await page.getByRole('button', { name: /ICT/ }).count()).toBe(0);
    await expectAccessible(page, 'monitor institution dashboard');
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });
});
