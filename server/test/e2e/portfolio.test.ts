import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, login, pageProblems, phonePage, startServer, type RunningServer } from './harness.js';

const SHOTS = process.env.KOERS_SCREENSHOTS;

/** CRC-32 as PNG chunks need it. */
function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** A small real PNG (a teal square with an orange stripe), generated here, not a fixture. */
function makePng(size = 24): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) row.set(y > size / 3 && y < size / 2 ? [184, 71, 11] : [11, 85, 99], 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function check(page: Page, label: string) {
  await expectAccessible(page, label);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${label.replace(/[^a-z0-9]+/gi, '-')}.png`, fullPage: true });
}

const TITLE = 'Eerste dag op de afdeling';
const FEEDBACK = 'Mooi beschreven, Sanne! Wat wil je morgen anders doen?';

describe('LOBbook in Chromium', () => {
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

  it('Sanne writes and shares an entry with a photo, the mentor responds, Sanne reads it, rates herself and sees her growth', async () => {
    const sanne = await phonePage(browser);
    await login(sanne, server.url, 'student@demo.koers.nl');
    await sanne.getByRole('heading', { name: 'Mijn LOBbook' }).waitFor();
    await check(sanne, 'student home');

    // The demo LOBbook is there.
    await sanne.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'LOBbook' }).click();
    await sanne.getByRole('heading', { level: 1, name: 'Mijn LOBbook' }).waitFor();
    await sanne.locator('.entry-card').first().waitFor();
    await check(sanne, 'portfolio list');

    // New entry, step by step.
    await sanne.getByRole('link', { name: 'Nieuwe ervaring' }).click();
    await sanne.getByRole('heading', { level: 2, name: 'Wat heb je gedaan?' }).waitFor();
    await check(sanne, 'entry form step 1');
    await sanne.getByLabel('Soort ervaring').selectOption('bpv');
    await sanne.getByLabel('Titel').fill(TITLE);
    await sanne.getByLabel('Plaats of organisatie').fill('Zorgcentrum De Linde');
    await sanne.getByRole('button', { name: 'Volgende' }).click();
    await sanne.getByRole('heading', { level: 2, name: 'Welke loopbaancompetenties?' }).waitFor();
    await check(sanne, 'entry form competencies');
    await sanne.getByLabel('Ontdek je werkplek').check();
    await sanne.getByLabel('Ontdek je talent').check();
    await sanne.getByRole('button', { name: 'Volgende' }).click();
    await sanne.getByRole('heading', { level: 2, name: /Oriëntatie/ }).waitFor();
    // the prompts follow the chosen competencies
    await sanne.getByText('Wat voor werk deden de mensen daar?').waitFor();
    await check(sanne, 'entry form orientatie');
    await sanne.getByLabel('Jouw antwoord').fill('Ik hielp bij het ontbijt en leerde hoe de afdeling werkt.');
    // the draft saves itself while Sanne types
    await sanne.getByText(/Automatisch opgeslagen om/).waitFor();
    await sanne.getByRole('button', { name: 'Volgende' }).click();
    await sanne.getByRole('heading', { level: 2, name: /Mening/ }).waitFor();
    // The connection drops while she writes: the text stays on the device and is sent when it returns.
    await sanne.context().setOffline(true);
    await sanne.getByLabel('Jouw antwoord').fill('Ik vond het druk maar leuk.');
    await sanne.getByText(/Geen verbinding/).waitFor();
    // the draft is kept on the device under Sanne's own account
    const draft = await sanne.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith('koers.form.') && k.endsWith('.portfolio.entry.new'))
        .map((k) => localStorage.getItem(k))
        .join(''),
    );
    expect(draft).toContain('Ik vond het druk maar leuk.');
    await sanne.context().setOffline(false);
    await sanne.getByText(/Automatisch opgeslagen om/).waitFor();
    await sanne.getByRole('button', { name: 'Volgende' }).click();
    await sanne.getByRole('heading', { level: 2, name: /Reflectie/ }).waitFor();
    await sanne.getByLabel('Jouw antwoord').fill('Ik kan goed rustig blijven als het druk is.');
    await sanne.getByRole('button', { name: 'Volgende' }).click();
    await sanne.getByRole('heading', { level: 2, name: 'Wie mag het zien?' }).waitFor();
    await check(sanne, 'entry form sharing');
    await sanne.getByLabel('Mijn mentor').check();
    await sanne.getByRole('button', { name: 'Opslaan en delen' }).click();

    // The entry page: add a photo as evidence.
    await sanne.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await sanne.getByText('Ik kan goed rustig blijven als het druk is.').waitFor();
    await sanne.getByText('Ik vond het druk maar leuk.').waitFor();
    expect(await sanne.evaluate(() => localStorage.getItem('koers.portfolio.form.new'))).toBeNull();
    await sanne.getByLabel('Bestand kiezen').setInputFiles({ name: 'ontbijt.png', mimeType: 'image/png', buffer: makePng() });
    await sanne.getByRole('button', { name: 'Toevoegen' }).click();
    await sanne.getByText('Het bestand is toegevoegd.').waitFor();
    const photo = sanne.getByRole('img', { name: 'ontbijt.png' });
    await photo.waitFor();
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(24);
    expect(await sanne.getByLabel('Mijn mentor').isChecked()).toBe(true);
    await check(sanne, 'entry detail (owner)');

    // The mentor, in a browser of her own, finds it on Sanne's file and responds.
    const mentor = await phonePage(browser);
    await login(mentor, server.url, 'mentor@demo.koers.nl');
    await mentor.getByRole('link', { name: 'Sanne de Wit' }).click();
    await mentor.getByRole('heading', { level: 1, name: 'Sanne de Wit' }).waitFor();
    await mentor.getByRole('heading', { name: 'LOBbook: gedeelde ervaringen' }).waitFor();
    await check(mentor, 'student file with shared entries (mentor)');
    await mentor.getByRole('link', { name: TITLE }).click();
    await mentor.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await mentor.getByRole('img', { name: 'ontbijt.png' }).waitFor();
    await check(mentor, 'entry detail (mentor)');
    await mentor.getByLabel('Jouw reactie').fill(FEEDBACK);
    await mentor.getByRole('button', { name: 'Reactie versturen' }).click();
    await mentor.getByText('Je reactie is verstuurd.').waitFor();
    await mentor.locator('.thread').getByText(FEEDBACK).waitFor();
    await check(mentor, 'entry detail after feedback (mentor)');
    expect(pageProblems(mentor)).toEqual([]);
    await mentor.context().close();

    // Sanne sees the new feedback on her home and opens it.
    await sanne.goto(`${server.url}/`);
    await sanne.getByRole('heading', { name: 'Nieuwe reacties op je ervaringen' }).waitFor();
    await check(sanne, 'student home with new feedback');
    await sanne.locator('main').getByRole('link', { name: TITLE }).click();
    await sanne.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await sanne.locator('.thread').getByText(FEEDBACK).waitFor();
    await sanne.locator('.thread').getByText('Mirjam Hoekstra (mentor)').waitFor();
    await check(sanne, 'entry detail with feedback (student)');

    // Self-assessment.
    await sanne.getByRole('navigation', { name: 'Onderdelen van je LOBbook' }).getByRole('link', { name: 'Zelfbeoordeling' }).click();
    await sanne.getByRole('heading', { level: 1, name: 'Zelfbeoordeling' }).waitFor();
    await check(sanne, 'self-assessment');
    const ratings: Record<string, number> = { 'Ontdek je talent': 4, 'Ontdek je passie': 5, 'Ontdek je werkplek': 4, 'Zelf aan zet': 3, 'In gesprek met': 2 };
    for (const [competence, score] of Object.entries(ratings)) {
      await sanne.getByRole('group', { name: competence }).getByLabel(new RegExp(`^${score} –`)).check();
    }
    await sanne.getByRole('button', { name: 'Opslaan' }).click();
    await sanne.getByRole('link', { name: 'Bekijk je groei' }).click();

    // Growth: the chart, its table with the new rating, and entries per competence.
    await sanne.getByRole('heading', { level: 1, name: 'Mijn groei' }).waitFor();
    await sanne.getByRole('img', { name: /Zelfbeoordeling per competentie door de tijd/ }).waitFor();
    const table = sanne.getByRole('table');
    const lastRow = table.locator('tbody tr').last();
    expect(await lastRow.locator('td').allTextContents()).toEqual(['4', '5', '4', '3', '2']);
    expect(await table.locator('tbody tr').count()).toBe(5);
    await sanne.getByRole('heading', { name: 'Ervaringen per competentie' }).waitFor();
    await check(sanne, 'growth');

    // The other parts of the LOBbook are reachable and accessible too.
    for (const [link, heading] of [
      ['Plan', 'Mijn loopbaanplan'],
      ['Netwerk', 'Mijn netwerk'],
      ['Reis', 'Mijn loopbaanreis'],
    ]) {
      await sanne.getByRole('navigation', { name: 'Onderdelen van je LOBbook' }).getByRole('link', { name: link, exact: true }).click();
      await sanne.getByRole('heading', { level: 1, name: heading }).waitFor();
      await sanne.locator('main .card, main .timeline').first().waitFor();
      await check(sanne, `portfolio ${link}`);
    }
    // The only errors allowed are the requests that failed while the connection was down.
    expect(pageProblems(sanne).filter((p) => !/ERR_INTERNET_DISCONNECTED/.test(p))).toEqual([]);
  });
});
