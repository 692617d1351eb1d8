import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startSmtpServer, type ReceivedMail } from '../peers.js';
import { expectAccessible, freePort, launchBrowser, login, pageProblems, phonePage, startServer, type RunningServer } from './harness.js';

/**
 * Verkennen in Chromium on a 360 px phone. A pupil without an account compares two
 * programmes and signs up for a meeloopdag, confirming through the link in a real mail; a
 * student links an occupation to a werkexploratie entry and asks an alumnus a question.
 * axe-core runs on every page visited.
 */
const SHOTS = process.env.KOERS_SCREENSHOTS;
async function shot(page: Page, name: string) {
  if (SHOTS) {
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }
}

async function waitForMail(received: ReceivedMail[], to: string): Promise<ReceivedMail> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const m = received.find((x) => x.to.includes(to));
    if (m) return m;
    if (Date.now() > deadline) throw new Error(`no mail to ${to}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Verkennen in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

  beforeAll(async () => {
    const port = await freePort();
    smtp = await startSmtpServer();
    server = await startServer({ PORT: String(port), KOERS_PUBLIC_URL: `http://127.0.0.1:${port}`, SMTP_URL: smtp.url, SMTP_FROM: 'Koers <no-reply@koers.test>' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    if (process.env.KOERS_E2E_LOG) console.log(server?.output());
    await browser?.close();
    await server?.stop();
    await smtp?.close();
  });

  it('lets a pupil without an account compare two programmes and sign up for a meeloopdag', async () => {
    const page = await phonePage(browser);
    await page.goto(`${server.url}/inloggen`);
    await page.getByRole('link', { name: 'Verkennen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Verkennen' }).waitFor();
    await page.getByLabel('Zoek een opleiding').fill('zorg');
    await page.getByRole('link', { name: 'Helpende Zorg en Welzijn' }).waitFor();
    await expectAccessible(page, 'programmes (public)');
    await shot(page, 'explore-programmes');
    await page.getByLabel('Vergelijk Helpende Zorg en Welzijn').check();
    await page.getByLabel('Vergelijk Verzorgende-IG').check();
    await page.getByRole('button', { name: 'Vergelijk', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Vergelijken' }).waitFor();
    await page.getByRole('columnheader', { name: 'Verzorgende-IG' }).first().waitFor();
    await page.getByRole('rowheader', { name: 'Studenten die slagen' }).waitFor();
    await expectAccessible(page, 'compare (public)');
    await shot(page, 'explore-compare');

    await page.getByRole('link', { name: 'Verzorgende-IG' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Verzorgende-IG' }).waitFor();
    // The small BBL programme at the demo school: its figures are suppressed, the national ones shown.
    await page.getByText('te weinig studenten').first().waitFor();
    await page.getByText(/Deze BBL-opleiding is klein/).waitFor();
    await expectAccessible(page, 'programme (public)');

    await page.getByRole('link', { name: 'Open dagen en meeloopdagen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Open dagen, meeloopdagen en proeflessen' }).waitFor();
    await expectAccessible(page, 'activities (public)');
    await page.getByRole('button', { name: 'Aanmelden voor Meeloopdag in de wijkzorg' }).click();
    await page.getByLabel('Je voornaam').fill('Daan');
    await page.getByLabel('Je e-mailadres').fill('daan.pupil@example.org');
    await page.getByRole('button', { name: 'Stuur de mail' }).click();
    await page.getByText('Kijk in je mail (daan.pupil@example.org)').waitFor();
    await expectAccessible(page, 'activities after sign-up');
    await shot(page, 'explore-activities');

    const mail = await waitForMail(smtp.received, 'daan.pupil@example.org');
    const link = /(http:\/\/127\.0\.0\.1:\d+\/verkennen\/aanmelden\/bevestigen\?token=[A-Za-z0-9_%-]+)/.exec(mail.body)?.[1];
    expect(link, mail.body).toBeTruthy();
    await page.goto(link!);
    await page.getByRole('heading', { level: 1, name: 'Aanmelding bevestigen' }).waitFor();
    await page.getByText(/Je bent aangemeld voor Meeloopdag in de wijkzorg/).waitFor();
    await expectAccessible(page, 'sign-up confirmed');
    await shot(page, 'explore-confirmed');
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('lets a student link an occupation to a werkexploratie entry and ask an alumnus a question', async () => {
    const page = await phonePage(browser);
    await login(page, server.url, 'student@demo.koers.nl');
    await page.getByRole('link', { name: 'Verkennen', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Verkennen' }).waitFor();
    await page.getByRole('link', { name: 'Beroepen', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Beroepen' }).waitFor();
    await page.getByLabel('Zoek een beroep').fill('wijkverpleeg');
    await page.getByRole('link', { name: 'Wijkverpleegkundige' }).click();
    await page.getByRole('heading', { level: 1, name: 'Wijkverpleegkundige' }).waitFor();
    await page.getByRole('table', { name: /Kansen op werk als Wijkverpleegkundige/ }).waitFor();
    await expectAccessible(page, 'occupation (student)');
    await page.getByLabel('Ervaring over werkexploratie').selectOption({ label: 'Gastles van een wijkverpleegkundige' });
    await page.getByRole('button', { name: 'Koppelen' }).click();
    await page.getByText('‘Gastles van een wijkverpleegkundige’ is gekoppeld aan Wijkverpleegkundige.').waitFor();
    await expectAccessible(page, 'occupation linked');
    await shot(page, 'explore-linked');

    await page.getByRole('link', { name: 'Mijn verkenning' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn verkenning' }).waitFor();
    await page.getByRole('link', { name: 'Gastles van een wijkverpleegkundige' }).waitFor();
    await expectAccessible(page, 'my exploration');

    await page.getByRole('link', { name: 'Oud-studenten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Oud-studenten' }).waitFor();
    await page.getByRole('heading', { name: 'Yasmina El Idrissi' }).waitFor();
    await expectAccessible(page, 'alumni');
    await page.getByLabel('Jouw vraag aan Yasmina El Idrissi').fill('Hoe vond jij de overstap naar niveau 3?');
    await page.getByRole('button', { name: 'Stel je vraag' }).click();
    await page.waitForURL(/\/berichten\//);
    await page.getByText('Hoe vond jij de overstap naar niveau 3?').waitFor();
    await expectAccessible(page, 'thread with the alumnus');
    await shot(page, 'explore-question');
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('lets the LOB-coördinator import figures with a rejection report and see who signed up without an account', async () => {
    const page = await phonePage(browser);
    await login(page, server.url, 'coordinator@demo.koers.nl');
    await page.goto(`${server.url}/verkennen/import`);
    await page.getByRole('heading', { level: 1, name: 'Verkennen: gegevens importeren' }).waitFor();
    await expectAccessible(page, 'import');
    await page.getByLabel('Wat importeer je?').selectOption('figures');
    const csv = ['kind,code,brin,indicator,value,students,source,year', 'mbo,25498,99KL,pass_rate,75,50,Eigen meting,2026', 'mbo,25498,99KL,pass_rate,140,50,Eigen meting,2025'].join('\n');
    await page.getByLabel('Bestand').setInputFiles({ name: 'cijfers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Importeren' }).click();
    await page.getByText('1 rijen geïmporteerd, 1 geweigerd.').waitFor();
    await page.getByRole('cell', { name: 'Een percentage ligt tussen 0 en 100.' }).waitFor();
    await expectAccessible(page, 'import report');
    await shot(page, 'explore-import');

    await page.goto(`${server.url}/verkennen/activiteiten`);
    await page.getByRole('link', { name: 'Aanmeldingen zonder account bekijken' }).first().waitFor();
    await page.locator('li', { hasText: 'Meeloopdag in de wijkzorg' }).getByRole('link', { name: 'Aanmeldingen zonder account bekijken' }).click();
    await page.getByRole('heading', { level: 1, name: 'Aanmeldingen zonder account' }).waitFor();
    await page.getByRole('cell', { name: 'daan.pupil@example.org' }).waitFor();
    await expectAccessible(page, 'public sign-ups (staff)');
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });
});
