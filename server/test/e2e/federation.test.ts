import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { OIDC_CLIENT_ID as CLIENT_ID, OIDC_CLIENT_SECRET as CLIENT_SECRET, startOpenIdProvider as startOp, startSmtpServer as startSmtp, type ReceivedMail as Mail, type TestOpenIdProvider as TestOp } from '../peers.js';
import { expectAccessible, freePort, launchBrowser, login, pageProblems, phonePage, startServer, type RunningServer } from './harness.js';

/**
 * Federated login and invitations in the browser, against real neighbours: an OpenID provider
 * (`oidc-provider`, standing in for SURFconext) and an SMTP server, both on random local ports.
 * Koers runs with KOERS_PUBLIC_URL set to its own address, as on a real server.
 */

const SANNE_SUBJECT = 'surf-sanne-e2e-51c9';

async function mailTo(received: Mail[], address: string): Promise<Mail> {
  for (let i = 0; i < 200; i++) {
    const mail = received.find((m) => m.to.includes(address));
    if (mail) return mail;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no mail to ${address}; received for ${received.map((m) => m.to.join(',')).join('; ')}`);
}

describe('federated login and invitations in Chromium', () => {
  let server: RunningServer;
  let op: TestOp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    const koers = `http://127.0.0.1:${port}`;
    op = await startOp(`${koers}/api/v1/auth/oidc/callback`);
    smtp = await startSmtp();
    server = await startServer({ PORT: String(port), KOERS_PUBLIC_URL: koers, SMTP_URL: smtp.url, SMTP_FROM: 'Koers <no-reply@koers.test>' });
    expect(server.url).toBe(koers);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await op?.close();
    await smtp?.close();
  });

  async function openAdmin(page: Page, section: string) {
    await page.goto(`${server.url}/beheer`);
    await page.getByRole('navigation', { name: 'Beheer' }).getByRole('link', { name: section }).click();
    await page.getByRole('heading', { level: 1, name: section }).waitFor();
  }

  it('lets the administrator set up a provider and link Sanne, who then signs in with the provider button', async () => {
    const admin = await phonePage(browser);
    await login(admin, server.url, 'admin@demo.koers.nl');
    await openAdmin(admin, 'Inlogmethoden');
    await expectAccessible(admin, 'sign-in methods, empty');
    await admin.getByLabel('Naam op de inlogknop').fill('SURFconext');
    await admin.getByLabel('Issuer (adres van de dienst)').fill(op.issuer);
    await admin.getByLabel('Client ID').fill(CLIENT_ID);
    await admin.getByLabel('Client secret').fill(CLIENT_SECRET);
    await admin.getByLabel('Scopes').fill('openid');
    await admin.getByRole('button', { name: 'Inlogmethode toevoegen' }).click();
    await admin.getByRole('status').getByText('Inlogmethode SURFconext is toegevoegd.').waitFor();
    await admin.getByRole('rowheader', { name: 'SURFconext' }).waitFor();
    await admin.getByText(`${server.url}/api/v1/auth/oidc/callback`).waitFor();
    await expectAccessible(admin, 'sign-in methods with a provider');

    const link = admin.getByRole('region', { name: 'Account koppelen aan een federatie-account' });
    await link.getByLabel('Zoek een gebruiker').fill('Sanne de');
    await link.getByRole('option', { name: /Sanne de Wit/ }).waitFor({ state: 'attached' });
    await link.getByLabel('Gebruiker', { exact: true }).selectOption({ label: 'Sanne de Wit (student@demo.koers.nl)' });
    await link.getByLabel('Inlogmethode', { exact: true }).selectOption({ label: 'SURFconext' });
    await link.getByLabel('Subject', { exact: true }).fill(SANNE_SUBJECT);
    await link.getByRole('button', { name: 'Koppelen' }).click();
    await link.getByRole('status').getByText('Het account is gekoppeld.').waitFor();
    await expectAccessible(admin, 'sign-in methods after linking');
    expect(pageProblems(admin)).toEqual([]);
    await admin.context().close();

    // Sanne, in a browser of her own, chooses the school login
    op.nextSubject = SANNE_SUBJECT;
    const page = await phonePage(browser);
    await page.goto(`${server.url}/inloggen`);
    const button = page.getByRole('link', { name: 'Inloggen met SURFconext' });
    await button.waitFor();
    await expectAccessible(page, 'login with a provider button');
    await button.click();
    await page.waitForURL((u) => u.origin === server.url && u.pathname === '/');
    await page.locator('h1').first().waitFor();
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'LOBbook' }).waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
    expect(me.email).toBe('student@demo.koers.nl');
    await expectAccessible(page, 'home after federated login');
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('sends an invitation by e-mail that a new parent accepts in the browser, landing on a home that shows Sanne', async () => {
    const admin = await phonePage(browser);
    await login(admin, server.url, 'admin@demo.koers.nl');
    await openAdmin(admin, 'Uitnodigingen');
    await admin.getByLabel('Ouder of verzorger').check();
    await admin.getByLabel('E-mailadres van wie je uitnodigt').fill('nieuwe.ouder@example.org');
    await admin.getByLabel('Zoek de student').fill('Sanne de');
    await admin.getByRole('option', { name: /Sanne de Wit/ }).waitFor({ state: 'attached' });
    await admin.getByLabel('Student', { exact: true }).selectOption({ label: 'Sanne de Wit (student@demo.koers.nl)' });
    await admin.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await admin.getByRole('status').getByText('De uitnodiging is verstuurd naar nieuwe.ouder@example.org.').waitFor();
    await expectAccessible(admin, 'invitation sent');
    await admin.context().close();

    const mail = await mailTo(smtp.received, 'nieuwe.ouder@example.org');
    const link = mail.body.match(/https?:\/\/[^\s"<>]+\/uitnodiging\?token=[^\s"<>]+/)?.[0];
    expect(link, mail.body).toBeTruthy();
    expect(link!.startsWith(`${server.url}/uitnodiging?token=`)).toBe(true);

    // a fresh browser: nobody is signed in
    const page = await phonePage(browser);
    await page.goto(link!);
    await page.getByRole('heading', { level: 1, name: 'Uitnodiging voor Koers' }).waitFor();
    await page.getByText('nodigt je uit om als ouder of verzorger mee te kijken met Sanne').waitFor();
    await expectAccessible(page, 'invitation');
    await page.getByLabel('Voornaam').fill('Noor');
    await page.getByLabel('Achternaam').fill('de Wit');
    await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('twee koffie en een appeltaart');
    await page.getByLabel('Herhaal het nieuwe wachtwoord').fill('twee koffie en een appeltaart');
    await page.getByRole('button', { name: 'Account maken en accepteren' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByRole('region', { name: 'Mijn studenten' }).getByRole('link', { name: 'Sanne de Wit' }).waitFor();
    await expectAccessible(page, 'parent home after accepting');
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });
});
