import nodemailer from 'nodemailer';
import type { Config } from '../config.js';
import type { Mailer } from './http.js';

/**
 * Mail over SMTP. Without SMTP_URL (a laptop with the demo school) mails are written to the
 * log instead, so nothing is sent by surprise.
 */
export function createMailer(config: Config): Mailer {
  if (!config.smtpUrl) {
    return {
      async send(message) {
        console.info(`[mail not sent: SMTP_URL is not set] to=${message.to} subject=${message.subject}`);
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
