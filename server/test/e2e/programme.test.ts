import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, login, pageProblems, phonePage, startServer, type RunningServer } from './harness.js';

/**
 * The LOB programme and the Loopbaanmagazijn in Chromium on a 360 px phone: a student signs up
 * for an activity; a mentor gives an exercise to the group and the student completes it; the
 * result list of the group lists every student with the status the API gives each of them.
 * axe-core runs on every page visited.
 */
const SHOTS = process.env.KOERS_SCREENSHOTS;
async function shot(page: Page, name: string) {
  if (SHOTS) {
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }
}

describe('LOB programme and Loopbaanmagazijn in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let assignmentUrl = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets a student sign up for an activity from the catalogue', async () => {
    const page = await phonePage(browser);
    await login(page, server.url, 'student@demo.koers.nl');
    await page.getByRole('link', { name: 'Activiteiten' }).click();
    await page.getByRole('heading', { level: 1, name: 'LOB-activiteiten' }).waitFor();
    await page.getByRole('heading', { name: 'Gastles: werken in de gehandicaptenzorg' }).waitFor();
    await expectAccessible(page, 'activity catalogue (student)');
    await page.getByRole('button', { name: 'Aanmelden: Gastles: werken in de gehandicaptenzorg' }).click();
    await page.getByText('Je bent aangemeld.').waitFor();
    await page.getByRole('button', { name: 'Afmelden: Gastles: werken in de gehandicaptenzorg' }).waitFor();
    await expectAccessible(page, 'activity catalogue after sign-up');
    await shot(page, 'activities-student');
    await page.getByRole('link', { name: 'Gastles: werken in de gehandicaptenzorg' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gastles: werken in de gehandicaptenzorg' }).waitFor();
    await page.getByText('Je bent aangemeld', { exact: true }).waitFor();
    await expectAccessible(page, 'activity (student)');
    await page.goto(`${server.url}/lob/voortgang`);
    await page.getByRole('heading', { level: 1, name: 'Mijn LOB-voortgang' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'onderdelen klaar' }).waitFor();
    await expectAccessible(page, 'LOB status (student)');
    await shot(page, 'status-student');
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('lets a mentor give an exercise from the Loopbaanmagazijn to the group', async () => {
    const page = await phonePage(browser);
    await login(page, server.url, 'mentor@demo.koers.nl');
    await page.getByRole('link', { name: 'Loopbaanmagazijn' }).click();
    await page.getByRole('heading', { level: 1, name: 'Loopbaanmagazijn' }).waitFor();
    await page.getByRole('link', { name: 'Les 1: Breng je netwerk in kaart' }).waitFor();
    await expectAccessible(page, 'library');
    await shot(page, 'library');
    await page.getByLabel('Competentie', { exact: true }).selectOption('netwerken');
    await page.getByRole('link', { name: 'Les 2: Vraag om steun' }).waitFor();
    await page.getByRole('link', { name: 'Les 1: Breng je netwerk in kaart' }).click();
    await page.getByRole('heading', { level: 1, name: 'Les 1: Breng je netwerk in kaart' }).waitFor();
    await page.getByRole('heading', { name: 'Geef als opdracht' }).waitFor();
    await expectAccessible(page, 'exercise');
    await page.getByLabel('Groep', { exact: true }).selectOption({ label: 'ZW2A — Helpende Zorg en Welzijn 2A' });
    const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Inleveren uiterlijk').fill(due);
    await page.getByRole('button', { name: 'Opdracht geven' }).click();
    await page.waitForURL(/\/loopbaanmagazijn\/opdrachten\//);
    await page.getByText('0 van 20 studenten klaar').waitFor();
    await expectAccessible(page, 'assignment (mentor)');
    assignmentUrl = new URL(page.url()).pathname;
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('lets the student complete the assignment as a LOBbook entry, and the mentor sees it', async () => {
    expect(assignmentUrl).toMatch(/\/loopbaanmagazijn\/opdrachten\//);
    const page = await phonePage(browser);
    await login(page, server.url, 'student@demo.koers.nl');
    await page.getByRole('link', { name: 'Opdrachten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn opdrachten' }).waitFor();
    await expectAccessible(page, 'my assignments');
    await page.getByRole('link', { name: 'Les 1: Breng je netwerk in kaart' }).click();
    await page.getByRole('heading', { name: 'Maak de opdracht' }).waitFor();
    await expectAccessible(page, 'assignment (student)');
    await shot(page, 'assignment-student');
    await page.getByLabel('Wat heb je gedaan en wat wist je al?').fill('Ik heb mijn netwerk getekend.');
    await page.getByLabel('Wat heb je geleerd? Wat ga je nu doen?').fill('Mijn tante kan mij helpen aan een stage.');
    await page.getByRole('button', { name: 'Opdracht inleveren' }).click();
    await page.getByText('Je hebt deze opdracht gemaakt.').waitFor();
    await expectAccessible(page, 'assignment done (student)');
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();

    const mentorPage = await phonePage(browser);
    await login(mentorPage, server.url, 'mentor@demo.koers.nl');
    await mentorPage.goto(`${server.url}${assignmentUrl}`);
    await mentorPage.getByText('1 van 20 studenten klaar').waitFor();
    await expect(mentorPage.locator('li', { hasText: 'Sanne de Wit' }).textContent()).resolves.toContain('klaar');
    await expectAccessible(mentorPage, 'assignment with completion (mentor)');
    await mentorPage.context().close();
  });

  it('shows and exports the result list of a group with the status of every student', async () => {
    const page = await phonePage(browser);
    await login(page, server.url, 'mentor@demo.koers.nl');
    await page.getByRole('link', { name: 'Resultatenlijst' }).click();
    await page.getByRole('heading', { level: 1, name: 'Resultatenlijst LOB' }).waitFor();
    await expectAccessible(page, 'result list (empty)');
    await page.getByLabel('Groep', { exact: true }).selectOption({ label: 'ZW2A — Helpende Zorg en Welzijn 2A' });
    // On a phone: one card per student, no wide table.
    const cards = page.getByRole('list', { name: 'Resultatenlijst' }).getByRole('listitem');
    await cards.first().waitFor();
    expect(await cards.count()).toBe(20);
    expect(await page.locator('table').isVisible()).toBe(false);
    await expectAccessible(page, 'result list ZW2A (phone, cards)');
    await shot(page, 'results');
    // On a wide screen: the table, with the same 20 students.
    await page.setViewportSize({ width: 1100, height: 800 });
    await page.locator('table tbody tr').first().waitFor();
    expect(await page.locator('table tbody tr').count()).toBe(20);
    expect(await cards.first().isVisible()).toBe(false);
    await expectAccessible(page, 'result list ZW2A (wide, table)');
    await page.setViewportSize({ width: 360, height: 740 });

    const groupId = new URL(await page.getByRole('link', { name: 'Download CSV' }).evaluate((a) => (a as HTMLAnchorElement).href)).searchParams.get('groupId')!;
    const csv = await (await page.request.get(`${server.url}/api/v1/lob/results.csv?groupId=${groupId}`)).text();
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(21);
    const results = (await (await page.request.get(`${server.url}/api/v1/lob/results?groupId=${groupId}`)).json()).items as { studentId: string; displayName: string }[];
    expect(results).toHaveLength(20);
    // Each student's status in the export is what that student's own status says.
    for (const r of results) {
      const status = await (await page.request.get(`${server.url}/api/v1/students/${r.studentId}/lob-status`)).json();
      const line = lines.find((l) => l.startsWith(`"${r.displayName}";`));
      expect(line, r.displayName).toBeDefined();
      expect(line, r.displayName).toContain(status.fulfilled ? '"voldaan"' : '"niet voldaan"');
      expect(line).toContain(`"${status.done}";"${status.required}"`);
    }
    const pdf = await page.request.get(`${server.url}/api/v1/lob/results.pdf?groupId=${groupId}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');

    await page.getByRole('link', { name: 'Sanne de Wit' }).click();
    await page.getByRole('heading', { level: 1, name: 'LOB-voortgang' }).waitFor();
    await page.getByRole('button', { name: 'Uitzondering vastleggen' }).first().waitFor();
    await expectAccessible(page, 'LOB status (mentor)');
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('shows the coordinator the programme per opleiding and the organiser the participants', async () => {
    const page = await phonePage(browser);
    await login(page, server.url, 'coordinator@demo.koers.nl');
    await page.getByRole('link', { name: 'LOB-programma' }).click();
    await page.getByRole('heading', { level: 1, name: 'LOB-programma per opleiding' }).waitFor();
    await expectAccessible(page, 'programme');
    await page.getByRole('button', { name: /Versie 1/ }).first().click();
    await page.getByText('Twee loopbaangesprekken met je mentor').first().waitFor();
    await expectAccessible(page, 'programme version');
    await page.goto(`${server.url}/lob/activiteiten`);
    await page.getByRole('link', { name: 'Gastles: werken in de gehandicaptenzorg' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gastles: werken in de gehandicaptenzorg' }).waitFor();
    await shot(page, 'activity-coordinator');
    await page.getByRole('heading', { name: 'Wie deed mee?' }).waitFor();
    await page.getByLabel(/Sanne de Wit/).check();
    await page.getByRole('button', { name: 'Deelname opslaan' }).click();
    await page.getByText('De deelname is opgeslagen.').waitFor();
    await expectAccessible(page, 'activity participation (coordinator)');
    await page.goto(`${server.url}/lob/activiteiten/nieuw`);
    await page.getByRole('heading', { level: 1, name: 'Nieuwe LOB-activiteit' }).waitFor();
    await expectAccessible(page, 'new activity');
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('lets the coordinator publish a new programme version; a cohort that started keeps its version', async () => {
    const page = await phonePage(browser);
    await login(page, server.url, 'coordinator@demo.koers.nl');
    await page.getByRole('link', { name: 'LOB-programma' }).click();
    await page.getByRole('heading', { level: 1, name: 'LOB-programma per opleiding' }).waitFor();
    await page.getByRole('link', { name: 'Nieuwe versie voor Helpende Zorg en Welzijn (niveau 2)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nieuwe versie: Helpende Zorg en Welzijn' }).waitFor();
    // It starts from the current version's components.
    await page.getByRole('group', { name: /^Onderdeel 1:/ }).waitFor();
    const before = await page.getByRole('group', { name: /^Onderdeel \d+:/ }).count();
    expect(before).toBeGreaterThan(3);
    await expectAccessible(page, 'version editor');
    await shot(page, 'version-editor');

    // A date that has passed is refused with the reason, next to the field.
    await page.getByLabel('Geldt voor cohorten die starten vanaf').fill('2020-08-01');
    await page.getByRole('button', { name: 'Versie publiceren' }).click();
    await page.getByText('Kies een datum na vandaag: een cohort dat al begonnen is, houdt zijn versie.').waitFor();
    await expectAccessible(page, 'version editor with error');

    const next = new Date();
    const year = next.getMonth() >= 7 ? next.getFullYear() + 1 : next.getFullYear();
    await page.getByLabel('Geldt voor cohorten die starten vanaf').fill(`${year}-08-01`);
    await page.getByRole('button', { name: 'Onderdeel toevoegen' }).click();
    const added = page.getByRole('group', { name: new RegExp(`^Onderdeel ${before + 1}:`) });
    await added.getByLabel('Naam van het onderdeel').fill('Een meeloopdag in een zorginstelling');
    await added.getByLabel('Soort').selectOption('activity');
    await added.getByLabel('Periode').selectOption('2');
    await added.getByRole('checkbox', { name: 'Meeloopdag' }).check();
    await added.getByRole('checkbox', { name: 'BOL' }).check();
    await added.getByLabel('Intensiteit').fill('Een dag');
    await added.getByLabel('Begeleiding').fill('Mentor bereidt voor en bespreekt na');
    await expectAccessible(page, 'version editor with a new component');
    await page.getByRole('button', { name: 'Versie publiceren' }).click();
    await page.getByText('De nieuwe versie voor Helpende Zorg en Welzijn is gepubliceerd.').waitFor();
    await expectAccessible(page, 'programme after publishing');
    const helpende = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Helpende Zorg en Welzijn/ }) });
    await helpende.getByRole('button', { name: `Versie 2 (${before + 1} onderdelen)` }).click();
    await helpende.getByText('Een meeloopdag in een zorginstelling').waitFor();
    await expectAccessible(page, 'published version');

    // Sanne's cohort has started: her status still follows version 1.
    const sanneId = (await (await page.request.get(`${server.url}/api/v1/lob/results?groupId=${await zw2aId(page)}`)).json()).items.find((r: any) => r.displayName === 'Sanne de Wit').studentId;
    const status = await (await page.request.get(`${server.url}/api/v1/students/${sanneId}/lob-status`)).json();
    expect(status.version.version).toBe(1);
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('shows the student what is done and what is open on the home page', async () => {
    const page = await phonePage(browser);
    await login(page, server.url, 'student@demo.koers.nl');
    const card = page.getByRole('region', { name: 'Mijn LOB' });
    await card.getByText(/Je hebt \d+ van de \d+ onderdelen klaar\.|Goed gedaan!/).waitFor();
    await card.getByRole('heading', { name: 'Nu te doen in deze periode' }).waitFor();
    await card.getByRole('heading', { name: 'Klaar' }).waitFor();
    await expectAccessible(page, 'student home with LOB card');
    await shot(page, 'home-student');
    await card.getByRole('link', { name: 'Bekijk al je LOB-onderdelen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn LOB-voortgang' }).waitFor();
    await expectAccessible(page, 'LOB status from the home card');
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();

    const parent = await phonePage(browser);
    await login(parent, server.url, 'ouder@demo.koers.nl');
    await parent.getByText(/onderdelen|voldaan/i).first().waitFor();
    await expectAccessible(parent, 'parent home with LOB status');
    await parent.context().close();
  });
});

async function zw2aId(page: Page): Promise<string> {
  const groups = await (await page.request.get(`${new URL(page.url()).origin}/api/v1/lob/result-groups`)).json();
  return groups.groups.find((g: { code: string }) => g.code === 'ZW2A').id;
}
