import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible, launchBrowser, login, pageProblems, phonePage, startServer, type RunningServer } from './harness.js';

/**
 * Sanne's parent reaches her mentor inside the existing messages and reads the answer; the
 * mentor answers from her own messages. On a phone, with axe on every page.
 */
describe('a parent and the mentor exchange messages, in Chromium', () => {
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

  it('the parent writes to the mentor, the mentor answers, the parent reads the answer', async () => {
    const parent = await phonePage(browser);
    await login(parent, server.url, 'ouder@demo.koers.nl');
    await parent.goto(`${server.url}/berichten`);
    await parent.getByRole('link', { name: 'Mirjam Hoekstra' }).first().click();
    await parent.getByRole('heading', { level: 1, name: /Berichten met Mirjam Hoekstra/ }).waitFor();
    await expectAccessible(parent, 'thread (parent)');
    await parent.getByLabel('Je bericht').fill('Sanne vindt haar stage zwaar. Kunnen we even bellen?');
    await parent.getByRole('button', { name: 'Versturen' }).click();
    await parent.getByRole('listitem').filter({ hasText: 'Sanne vindt haar stage zwaar.' }).waitFor();
    expect(pageProblems(parent)).toEqual([]);

    const mentor = await phonePage(browser);
    await login(mentor, server.url, 'mentor@demo.koers.nl');
    await mentor.goto(`${server.url}/berichten`);
    await expectAccessible(mentor, 'messages (mentor)');
    await mentor.getByRole('link', { name: 'Marloes de Wit' }).first().click();
    await mentor.getByText('Sanne vindt haar stage zwaar. Kunnen we even bellen?').waitFor();
    await mentor.getByLabel('Je bericht').fill('Ja, ik bel u donderdag na 15 uur.');
    await mentor.getByRole('button', { name: 'Versturen' }).click();
    await mentor.getByRole('listitem').filter({ hasText: 'Ja, ik bel u donderdag na 15 uur.' }).waitFor();
    await expectAccessible(mentor, 'thread (mentor with parent)');
    expect(pageProblems(mentor)).toEqual([]);
    await mentor.context().close();

    await parent.reload();
    await parent.getByText('Ja, ik bel u donderdag na 15 uur.').waitFor();
    expect(pageProblems(parent)).toEqual([]);
    await parent.context().close();
  });
});
