import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createScratchDatabase } from '../../test/helpers.js';
import { InProcessQueue, PgBossQueue, queuedMailer, type JobQueue } from './jobs.js';

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 30_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The behaviour both queues promise: retried until it works, visible when it never does. */
async function retriesAndReportsFailures(queue: JobQueue) {
  let calls = 0;
  await queue.define<{ n: number }>('test.flaky', async () => {
    calls++;
    if (calls < 3) throw new Error(`try ${calls} failed`);
  }, { retryLimit: 3, retryDelaySeconds: 1 });
  await queue.define('test.broken', async () => {
    throw new Error('mail server refuses');
  }, { retryLimit: 1, retryDelaySeconds: 1 });
  await queue.send('test.flaky', { n: 1 });
  await queue.send('test.broken', {});
  await until(() => calls >= 3, 'the flaky job to succeed on its third try');
  await until(async () => (await queue.failures()).some((f) => f.name === 'test.broken'), 'the broken job to be reported');
  const failure = (await queue.failures()).find((f) => f.name === 'test.broken')!;
  expect(failure.error).toContain('mail server refuses');
  expect((await queue.failures()).some((f) => f.name === 'test.flaky')).toBe(false);
}

describe('in-process job queue (embedded PostgreSQL)', () => {
  it('retries a failing job with backoff and reports one that keeps failing', async () => {
    const queue = new InProcessQueue(() => {});
    try {
      await retriesAndReportsFailures(queue);
    } finally {
      await queue.stop();
    }
  }, 30_000);

  it('sends mail through the queue, so a failing mail server does not fail the request', async () => {
    const queue = new InProcessQueue(() => {});
    const sent: string[] = [];
    let down = true;
    const mailer = await queuedMailer(queue, { send: async (m) => { if (down) { down = false; throw new Error('connection refused'); } sent.push(m.to); } }, { retryLimit: 5, retryDelaySeconds: 1 });
    await mailer.send({ to: 'sanne@example.nl', subject: 'Herinnering', text: 'Morgen om 10:00' });
    expect(sent).toEqual([]);
    await until(() => sent.length === 1, 'the retried mail');
    expect(sent).toEqual(['sanne@example.nl']);
    await queue.stop();
  }, 30_000);
});

describe.skipIf(!loadConfig().databaseUrl)('pg-boss job queue (PostgreSQL server)', () => {
  it('keeps jobs in the database, retries them and reports the ones that keep failing', async () => {
    const scratch = await createScratchDatabase();
    const queue = await PgBossQueue.start(scratch.url, () => {}, 0.5);
    try {
      await retriesAndReportsFailures(queue);
      await queue.define('test.tick', async () => {}, { retryLimit: 0, retryDelaySeconds: 1 });
      await queue.every('test.tick', '* * * * *', 60_000);
    } finally {
      await queue.stop();
      await scratch.drop();
    }
  }, 60_000);
});

describe.skipIf(!loadConfig().databaseUrl)('pg-boss started by two processes at once', () => {
  it('installs and creates its queues without a deadlock', async () => {
    const scratch = await createScratchDatabase();
    const queues: JobQueue[] = [];
    try {
      const [a, b] = await Promise.all([PgBossQueue.start(scratch.url, () => {}, 0.5), PgBossQueue.start(scratch.url, () => {}, 0.5)]);
      queues.push(a, b);
      await Promise.all(
        queues.flatMap((q) => [
          q.define('mail.send', async () => {}, { retryLimit: 1, retryDelaySeconds: 1 }),
          q.define('guidance.reminders', async () => {}, { retryLimit: 1, retryDelaySeconds: 1 }),
          q.define('monitor.refresh', async () => {}, { retryLimit: 1, retryDelaySeconds: 1 }),
        ]),
      );
      await Promise.all(queues.map((q) => q.every('guidance.reminders', '* * * * *', 60_000)));
    } finally {
      await Promise.all(queues.map((q) => q.stop()));
      await scratch.drop();
    }
  }, 60_000);
});
