import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible, launchBrowser, login, pageProblems, phonePage, startServer, type RunningServer } from './harness.js';

/**
 * A session that ends while someone works ends kindly: the next action takes them to the
 * login page with a plain message, and after signing in they are back where they were with
 * what they had typed. Another person signing in on the same computer never sees it.
 */
describe('a session that ends mid-work, in Chromium', () => {
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

  it('returns the student through the login to her unsent message, and sends it', async () => {
    const page = await phonePage(browser);
    await login(page, server.url, 'student@demo.koers.nl');
    await page.goto(`${server.url}/berichten`);
    await page.getByRole('link', { name: 'Mirjam Hoekstra' }).first().click();
    const heading = page.getByRole('heading', { level: 1, name: /Berichten met Mirjam Hoekstra/ });
    await heading.waitFor();
    const threadUrl = page.url();
    await page.getByLabel('Je bericht').fill('Mag ik mijn gesprek een week later doen?');

    // The session ends (idle timeout or signed out elsewhere): the server no longer knows it.
    await page.context().clearCookies();
    await page.getByRole('button', { name: 'Versturen' }).click();

    await page.waitForURL((u) => u.pathname === '/inloggen');
    await page.getByRole('status').filter({ hasText: /uitgelogd/ }).waitFor();
    await expectAccessible(page, 'login after the session ended');
    await page.getByLabel('E-mailadres').fill('student@demo.koers.nl');
    await page.getByLabel('Wachtwoord').fill('koers-demo');
    await page.getByRole('button', { name: 'Inloggen' }).click();

    await page.waitForURL(threadUrl);
    await heading.waitFor();
    await expect.poll(() => page.getByLabel('Je bericht').inputValue()).toBe('Mag ik mijn gesprek een week later doen?');
    await page.getByRole('button', { name: 'Versturen' }).click();
    await page.getByRole('listitem').filter({ hasText: 'Mag ik mijn gesprek een week later doen?' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Je bericht is verstuurd.' }).waitFor();
    expect(await page.getByLabel('Je bericht').inputValue()).toBe('');
    expect(pageProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('never shows one person’s unsent text to the next person on the same computer', async () => {
    const page = await phonePage(browser);
    await login(page, server.url, 'student@demo.koers.nl');
    await page.goto(`${server.url}/berichten`);
    await page.getByRole('link', { name: 'Mirjam Hoekstra' }).first().click();
    await page.getByLabel('Je bericht').fill('Dit is privé');
    const threadPath = new URL(page.url()).pathname;
    await page.context().clearCookies();
    await page.getByRole('button', { name: 'Versturen' }).click();
    await page.waitForURL((u) => u.pathname === '/inloggen');

    // Someone else signs in on the same tab and opens the same address.
    await page.getByLabel('E-mailadres').fill('student2@demo.koers.nl');
    await page.getByLabel('Wachtwoord').fill('koers-demo');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/inloggen'));
    await page.goto(`${server.url}${threadPath}`);
    await page.locator('h1').first().waitFor();
    expect(await page.getByText('Dit is privé').count()).toBe(0);
    const stored = await page.evaluate(() => Object.keys(sessionStorage).map((k) => sessionStorage.getItem(k)));
    expect(stored).not.toContain('Dit is privé');
    await page.context().close();
  });
});
