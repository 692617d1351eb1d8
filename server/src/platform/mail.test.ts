import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config.js';
import { createMailer } from './mail.js';

describe('mail without SMTP', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes the whole mail to the log, so its link can be followed on a test install', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'info').mockImplementation((line: string) => void lines.push(line));
    const mailer = createMailer(loadConfig({ KOERS_DATA_DIR: ':memory:' }));
    await mailer.send({ to: 'ouder@demo.koers.nl', subject: 'Uitnodiging voor Koers', text: 'Open deze link: http://localhost:3000/uitnodiging?token=abc123' });
    const logged = lines.join('\n');
    expect(logged).toContain('To: ouder@demo.koers.nl');
    expect(logged).toContain('Subject: Uitnodiging voor Koers');
    expect(logged).toContain('http://localhost:3000/uitnodiging?token=abc123');
  });
});
