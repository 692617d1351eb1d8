import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, login, pageProblems, phonePage, startServer, type RunningServer } from './harness.js';

/**
 * Begeleiding end to end, on a 360 px phone in Chromium: the mentor plans a conversation, Sanne
 * prepares it, the mentor records it with two agreements, the agreements appear in Sanne's plan
 * and in her parent's view, and the caseload signal "no conversation" disappears. axe-core on
 * every page on the way.
 */
const NO_CONVERSATION = /Nog geen loopbaangesprek gehad in deze periode/;

/** A datetime-local value two days from now at 14:00. */
function inTwoDays(): string {
  const d = new Date(Date.now() + 2 * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T14:00`;
}

/** A date input value some days from now. */
function inDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A tiny real PNG (1×1 pixel). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** A user's id by display name, through the mentor's caseload API in the page's session. */
async function userId(page: Page, displayName: string): Promise<string> {
  const res = await page.request.get(`${new URL(page.url()).origin}/api/v1/mentor/caseload`);
  const item = (await res.json()).items.find((s: { displayName: string }) => s.displayName === displayName);
  return item.id;
}

async function visit(page: Page, url: string, label: string) {
  await page.goto(url);
  await page.locator('h1').first().waitFor();
  await page.getByRole('status').filter({ hasText: /Laden|Loading/ }).waitFor({ state: 'detached' }).catch(() => undefined);
  await expectAccessible(page, label);
}

describe('begeleiding in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let conversationPath = '';
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the mentor sees the caseload with signals in words and plans a conversation with Sanne', async () => {
    const page = await phonePage(browser);
    await login(page, server.url, 'mentor@demo.koers.nl');
    await page.getByRole('heading', { name: 'Begeleiding' }).waitFor();
    await expectAccessible(page, 'mentor home');
    await visit(page, `${server.url}/begeleiding`, 'caseload');
    const sanne = page.locator('.caseload > li').filter({ has: page.getByRole('link', { name: 'Sanne de Wit' }) });
    await expect(sanne.getByText(NO_CONVERSATION).count()).resolves.toBe(1);
    await page.getByLabel('Laat zien').selectOption('no_conversation');
    await page.getByRole('link', { name: 'Sanne de Wit' }).waitFor();
    await expectAccessible(page, 'caseload filtered');
    await page.getByRole('link', { name: 'Sanne de Wit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sanne de Wit' }).waitFor();
    await page.getByRole('heading', { name: 'Loopbaangesprekken' }).waitFor();
    await expectAccessible(page, 'student file with conversations');
    await page.getByRole('button', { name: 'Gesprek plannen' }).click();
    await page.getByLabel('Datum en tijd').fill(inTwoDays());
    await page.getByLabel('Plaats (bijvoorbeeld een lokaal)').fill('Lokaal 2.14');
    await expectAccessible(page, 'plan form');
    await page.getByRole('button', { name: 'Gesprek inplannen' }).click();
    await page.waitForURL(/\/gesprekken\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: 'Loopbaangesprek' }).waitFor();
    conversationPath = new URL(page.url()).pathname;
    await expectAccessible(page, 'planned conversation (mentor)');
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('Sanne finds it in her notifications and prepares it', async () => {
    const page = await phonePage(browser);
    await login(page, server.url, 'student@demo.koers.nl');
    await visit(page, `${server.url}/meldingen`, 'notifications (student)');
    await page.locator(`a[href="${conversationPath}"]`).first().click();
    await page.getByRole('heading', { name: 'Bereid je gesprek voor' }).waitFor();
    await page.getByLabel('Wat heb je de afgelopen tijd gedaan of meegemaakt?').fill('Ik heb op stage bewoners geholpen met eten.');
    await page.getByLabel('Wat ging goed en wat vond je moeilijk? Wat heb je daarvan geleerd?').fill('Luisteren gaat goed. Plannen vind ik moeilijk.');
    await page.getByLabel('Wat wil je de komende tijd bereiken of uitzoeken?').fill('Ik wil weten of niveau 3 bij mij past.');
    await page.getByLabel('Mijn eerste week op de stage').check();
    await expectAccessible(page, 'preparation form');
    await page.getByRole('button', { name: 'Voorbereiding opslaan' }).click();
    await page.getByText('Je voorbereiding is opgeslagen.').waitFor();
    await visit(page, `${server.url}/gesprekken`, 'my conversations');
    await visit(page, `${server.url}/agenda`, 'agenda (student)');
    await page.getByRole('button', { name: 'Agenda-link maken' }).click();
    await page.getByLabel('Je geheime agenda-link').waitFor();
    const icsUrl = await page.getByLabel('Je geheime agenda-link').inputValue();
    expect(icsUrl).toMatch(/\/api\/v1\/calendar\/[A-Za-z0-9_-]+\.ics$/);
    await expectAccessible(page, 'agenda with calendar link');
    await visit(page, `${server.url}/groepen`, 'groups (student)');
    await page.getByRole('link', { name: /Helpende Zorg en Welzijn 2A/ }).click();
    await page.getByRole('heading', { level: 1, name: /Groep/ }).waitFor();
    await page.getByLabel('Schrijf een bericht voor de groep').fill('Wie gaat er mee naar de open dag?');
    await page.getByRole('button', { name: 'Plaatsen', exact: true }).click();
    await page.getByText('Wie gaat er mee naar de open dag?').first().waitFor();
    await expectAccessible(page, 'group feed');
    await visit(page, `${server.url}/berichten`, 'messages (student)');
    await page.getByRole('link', { name: 'Mirjam Hoekstra' }).first().click();
    await page.getByRole('heading', { level: 1, name: /Berichten met Mirjam Hoekstra/ }).waitFor();
    await page.getByLabel('Je bericht').fill('Ik heb de vragen ingevuld!');
    await page.getByRole('button', { name: 'Versturen' }).click();
    await page.getByText('Ik heb de vragen ingevuld!').waitFor();
    await expectAccessible(page, 'message thread');
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('the mentor records the four steps and two agreements', async () => {
    const page = await phonePage(browser);
    await login(page, server.url, 'mentor@demo.koers.nl');
    await visit(page, `${server.url}${conversationPath}`, 'conversation to record');
    await page.getByText('Luisteren gaat goed. Plannen vind ik moeilijk.').waitFor();
    await page.getByLabel('1. Terugkijken').fill('Stage bij De Linde loopt goed.');
    await page.getByLabel('2. Reflecteren').fill('Luisteren is een sterk punt; plannen oefenen.');
    await page.getByLabel('3. Vooruitkijken').fill('Oriënteren op niveau 3.');
    await page.getByLabel('Het gesprek is gehouden').check();
    await page.getByRole('button', { name: 'Gesprek opslaan' }).click();
    await page.getByText('Het gesprek is opgeslagen.').waitFor();
    for (const action of ['Open dag niveau 3 bezoeken', 'Weekplanning maken voor de stage']) {
      await page.getByLabel('Nieuwe afspraak').fill(action);
      await page.getByLabel('Klaar op (datum)').fill(new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10));
      await page.getByRole('button', { name: 'Afspraak toevoegen' }).click();
      await page.locator('.agreements li', { hasText: action }).waitFor();
    }
    await page.getByLabel('Nieuwe notitie').fill('Privé: vragen hoe het thuis gaat.');
    await page.getByLabel('Alleen ik (privénotitie)').check();
    await page.getByRole('button', { name: 'Notitie opslaan' }).click();
    await page.getByText('Privé: vragen hoe het thuis gaat.').waitFor();
    await expectAccessible(page, 'recorded conversation');
    await visit(page, `${server.url}/aanwezigheid`, 'attendance');
    await page.getByLabel('Klas').selectOption({ label: 'Helpende Zorg en Welzijn 2A' });
    await page.getByLabel('Naam').fill('Les LOB: netwerken');
    await page.getByRole('button', { name: 'Aanwezigheid opnemen' }).click();
    await page.waitForURL(/\/aanwezigheid\/[0-9a-f-]{36}$/);
    const row = page.getByRole('group', { name: 'Sanne de Wit' });
    await row.getByText('Te laat').click();
    await page.getByText('1 van 20 studenten ingevuld.').waitFor();
    await expectAccessible(page, 'take attendance');
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('the agreements appear in Sanne’s plan, and not the private note', async () => {
    const page = await phonePage(browser);
    await login(page, server.url, 'student@demo.koers.nl');
    await visit(page, `${server.url}/portfolio/plan`, 'plan with agreements');
    await page.getByText('Open dag niveau 3 bezoeken').waitFor();
    await page.getByText('Weekplanning maken voor de stage').waitFor();
    await visit(page, `${server.url}${conversationPath}`, 'held conversation (student)');
    await page.getByText('Stage bij De Linde loopt goed.').waitFor();
    expect(await page.getByText('Privé: vragen hoe het thuis gaat.').count()).toBe(0);
    await page.context().close();
  });

  it('the parent sees the agreements and appointments on the home page', async () => {
    const page = await phonePage(browser);
    await login(page, server.url, 'ouder@demo.koers.nl');
    await page.getByRole('heading', { name: 'Sanne de Wit', level: 2 }).waitFor();
    await page.getByText('Open dag niveau 3 bezoeken').waitFor();
    await page.getByText('Stagebezoek Zorgcentrum De Linde').first().waitFor();
    await expectAccessible(page, 'parent home');
    await page.getByRole('link', { name: 'Meer over Sanne de Wit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sanne de Wit' }).waitFor();
    await page.getByText('Weekplanning maken voor de stage').first().waitFor();
    await expectAccessible(page, 'student file (parent)');
    expect(await page.getByText('Privé: vragen hoe het thuis gaat.').count()).toBe(0);
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('the praktijkopleider confirms the internship visit', async () => {
    const page = await phonePage(browser);
    await login(page, server.url, 'praktijk@demo.koers.nl');
    await visit(page, `${server.url}/agenda`, 'agenda (praktijkopleider)');
    await page.getByRole('button', { name: 'Bezoek bevestigen' }).click();
    await page.getByText('bevestigd door de praktijkopleider').waitFor();
    await expectAccessible(page, 'agenda visit confirmed');
    await page.context().close();
  });

  it('the mentor plans an internship visit and an LOB activity on the planning screen, and cancels one', async () => {
    const page = await phonePage(browser);
    await login(page, server.url, 'mentor@demo.koers.nl');
    await visit(page, `${server.url}/agenda`, 'agenda (mentor)');
    await page.getByRole('link', { name: 'Afspraak plannen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Afspraak plannen' }).waitFor();
    await page.getByLabel('Soort afspraak').waitFor();
    await expectAccessible(page, 'plan appointment');
    await page.getByLabel('Soort afspraak').selectOption({ label: 'Stagebezoek' });
    await page.getByLabel('Titel').fill('Tussentijds stagebezoek');
    await page.getByLabel('Datum').fill(inDays(5));
    await page.getByLabel('Begintijd').fill('13:30');
    await page.getByLabel('Eindtijd').fill('14:15');
    await page.getByLabel('Plaats').fill('Zorgcentrum De Linde');
    await page.getByLabel('Student', { exact: true }).selectOption({ label: 'Sanne de Wit (ZW2A)' });
    await page.getByText('Sanne de Wit en praktijkopleider Anita Gerritsen worden uitgenodigd.').waitFor();
    await expectAccessible(page, 'plan internship visit');
    await page.getByRole('button', { name: 'Afspraak plannen en uitnodigen' }).click();
    await page.waitForURL(/\/agenda$/);
    await page.getByText('De afspraak “Tussentijds stagebezoek” is gepland.', { exact: false }).waitFor();
    const visitRow = page.locator('li').filter({ has: page.getByRole('heading', { name: 'Tussentijds stagebezoek' }) });
    await visitRow.getByText('2 genodigden').click();
    await visitRow.getByText('Anita Gerritsen: nog niet beantwoord').waitFor();
    await expectAccessible(page, 'agenda with planned visit');

    await page.getByRole('link', { name: 'Afspraak plannen' }).click();
    await page.getByLabel('Soort afspraak').selectOption({ label: 'LOB-activiteit' });
    await page.getByLabel('Titel').fill('Gastles wijkverpleging');
    await page.getByLabel('Datum').fill(inDays(9));
    await page.getByLabel('Begintijd').fill('09:00');
    await page.getByLabel('Eindtijd').fill('08:00');
    await page.getByLabel('De hele groep ZW2A').check();
    await page.getByText(/^\d+ studenten gekozen\.$/).waitFor();
    await page.getByRole('button', { name: 'Afspraak plannen en uitnodigen' }).click();
    await page.getByText('De eindtijd moet na de begintijd liggen.').waitFor();
    await expectAccessible(page, 'plan LOB activity with an error');
    await page.getByLabel('Eindtijd').fill('10:30');
    await page.getByRole('button', { name: 'Afspraak plannen en uitnodigen' }).click();
    await page.waitForURL(/\/agenda$/);
    await page.getByRole('heading', { name: 'Gastles wijkverpleging' }).waitFor();
    await page.getByRole('button', { name: 'Afspraak “Gastles wijkverpleging” annuleren' }).click();
    await page.getByText('Weet je het zeker?', { exact: false }).waitFor();
    await expectAccessible(page, 'cancel question');
    await page.getByRole('button', { name: 'Ja, annuleer de afspraak' }).click();
    await page.getByText('De afspraak “Gastles wijkverpleging” is geannuleerd.').waitFor();
    await page.getByRole('heading', { name: 'Gastles wijkverpleging' }).waitFor({ state: 'detached' });
    await expectAccessible(page, 'agenda after cancelling');
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('the header shows unread messages and notifications in the links’ names, and updates after reading', async () => {
    const mentor = await phonePage(browser);
    await login(mentor, server.url, 'mentor@demo.koers.nl');
    await visit(mentor, `${server.url}/berichten/${await userId(mentor, 'Sanne de Wit')}`, 'thread (mentor)');
    await mentor.getByLabel('Je bericht').fill('Heb je de uitnodiging voor het stagebezoek gezien?');
    await mentor.getByRole('button', { name: 'Versturen' }).click();
    await mentor.getByText('Heb je de uitnodiging voor het stagebezoek gezien?').waitFor();
    await mentor.context().close();

    const page = await phonePage(browser);
    await login(page, server.url, 'student@demo.koers.nl');
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await nav.getByRole('link', { name: 'Berichten 1 ongelezen' }).waitFor();
    await nav.getByRole('link', { name: /^Meldingen \d+ ongelezen$/ }).waitFor();
    await expectAccessible(page, 'home with unread badges');
    await nav.getByRole('link', { name: 'Berichten 1 ongelezen' }).click();
    await page.getByRole('link', { name: 'Mirjam Hoekstra' }).first().click();
    await page.getByText('Heb je de uitnodiging voor het stagebezoek gezien?').waitFor();
    await nav.getByRole('link', { name: 'Berichten', exact: true }).waitFor();
    await visit(page, `${server.url}/meldingen`, 'notifications (student, before reading)');
    await page.getByText('Je bent uitgenodigd: Tussentijds stagebezoek', { exact: false }).first().waitFor();
    // the group feed takes a photo, shown in the post
    await visit(page, `${server.url}/groepen`, 'groups (student, again)');
    await page.getByRole('link', { name: /Helpende Zorg en Welzijn 2A/ }).click();
    await page.getByRole('heading', { level: 1, name: /Groep/ }).waitFor();
    await page.getByLabel('Schrijf een bericht voor de groep').fill('Mijn werkplek op stage');
    await page.getByLabel('Foto of pdf toevoegen (niet verplicht)').setInputFiles({ name: 'werkplek.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: 'Plaatsen', exact: true }).click();
    await page.getByRole('img', { name: 'Foto: werkplek.png' }).waitFor();
    await page.getByRole('img', { name: 'Foto: werkplek.png' }).scrollIntoViewIfNeeded();
    // the browser really loads the image from the attachment route (served as image/png, same origin)
    await page.waitForFunction(() => Array.from(document.images).some((i) => i.alt === 'Foto: werkplek.png' && i.complete && i.naturalWidth === 1));
    await expectAccessible(page, 'group feed with a photo');
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('the no-conversation signal for Sanne has disappeared from the caseload', async () => {
    const page = await phonePage(browser);
    await login(page, server.url, 'mentor@demo.koers.nl');
    await visit(page, `${server.url}/begeleiding`, 'caseload after the conversation');
    const sanne = page.locator('.caseload > li').filter({ has: page.getByRole('link', { name: 'Sanne de Wit' }) });
    await sanne.waitFor();
    expect(await sanne.getByText(NO_CONVERSATION).count()).toBe(0);
    await visit(page, `${server.url}/meldingen`, 'notifications (mentor)');
    await page.getByRole('heading', { name: 'Meldingen per e-mail' }).waitFor();
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });
});
