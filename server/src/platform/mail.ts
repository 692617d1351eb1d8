import nodemailer from 'nodemailer';
import type { Config } from '../config.js';
import type { Mailer } from './http.js';

/**
 * Mail over SMTP. Without SMTP_URL (a laptop with the demo school) each mail is written whole
 * to the log instead, links included, so nothing is sent by surprise and an invitation or a
 * password reset can still be followed on a test install.
 */
export function createMailer(config: Config): Mailer {
  if (!config.smtpUrl) {
    return {
      async send(message) {
        console.info(`[mail not sent: SMTP_URL is not set]\nTo: ${message.to}\nSubject: ${message.subject}\n\n${message.text}\n[end of mail]`);
      },
    };
  }
  const transport = nodemailer.createTransport(config.smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from: config.smtpFrom, ...message });
    },
  };
}
