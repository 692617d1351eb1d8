import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isDatabaseUnavailable } from '../db/connection.js';
import { requestLocale, type Locale } from './i18n.js';
import { plainErrorMaps } from './validation-messages.js';

/**
 * An error a client can act on. The HTTP layer turns it into the contract's shape:
 * {"error":{"code","message","fields"}}. `message` is looked up in the request's language.
 */
export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    public readonly fields?: Record<string, string>,
    message?: string,
  ) {
    super(message ?? code);
  }
}

export const badRequest = (code: string, fields?: Record<string, string>) => new AppError(400, code, fields);
export const unauthorized = (code = 'unauthenticated') => new AppError(401, code);
export const forbidden = (code = 'forbidden') => new AppError(403, code);
export const notFound = (code = 'not_found') => new AppError(404, code);
export const conflict = (code: string, fields?: Record<string, string>) => new AppError(409, code, fields);

const MESSAGES: Record<string, Record<Locale, string>> = {
  validation_failed: { nl: 'Niet alle velden zijn goed ingevuld.', en: 'Some fields are not valid.' },
  invalid_json: { nl: 'De gegevens zijn geen geldige JSON.', en: 'The request body is not valid JSON.' },
  payload_too_large: { nl: 'De gegevens zijn te groot.', en: 'The request is too large.' },
  unsupported_media_type: { nl: 'Dit soort gegevens wordt niet ondersteund.', en: 'This content type is not supported.' },
  not_found: { nl: 'Niet gevonden.', en: 'Not found.' },
  route_not_found: { nl: 'Deze pagina of dit adres bestaat niet.', en: 'This address does not exist.' },
  unauthenticated: { nl: 'Je bent niet ingelogd.', en: 'You are not signed in.' },
  invalid_credentials: { nl: 'E-mailadres of wachtwoord klopt niet.', en: 'E-mail address or password is incorrect.' },
  too_many_attempts: { nl: 'Te veel pogingen. Probeer het over een paar minuten opnieuw.', en: 'Too many attempts. Try again in a few minutes.' },
  forbidden: { nl: 'Je hebt geen toegang tot deze gegevens.', en: 'You do not have access to this.' },
  csrf_invalid: { nl: 'Je sessie is verlopen of ongeldig. Laad de pagina opnieuw.', en: 'Your session token is missing or invalid. Reload the page.' },
  mfa_required: { nl: 'Bevestig eerst je inlog met je authenticator-app.', en: 'Confirm your sign-in with your authenticator app first.' },
  method_not_allowed: { nl: 'Deze handeling kan hier niet.', en: 'This method is not allowed here.' },
  internal: { nl: 'Er ging iets mis bij Koers. Probeer het later opnieuw.', en: 'Something went wrong in Koers. Try again later.' },
  unavailable: { nl: 'Koers is tijdelijk niet beschikbaar.', en: 'Koers is temporarily unavailable.' },
  // field messages: a field's value in `fields` may name one of these codes
  invalid_cursor: { nl: 'Deze lijst is intussen veranderd. Begin opnieuw bovenaan.', en: 'This list has changed. Start again from the top.' },
};

/** Modules add their own error messages at start-up. */
export function registerErrorMessages(messages: Record<string, Record<Locale, string>>) {
  Object.assign(MESSAGES, messages);
}

export function errorMessage(code: string, locale: Locale): string {
  return MESSAGES[code]?.[locale] ?? MESSAGES[code]?.nl ?? code;
}

export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

/** A field message may be a registered message code, so modules can answer in both languages. */
const fieldMessages = (fields: Record<string, string>, locale: Locale) =>
  Object.fromEntries(Object.entries(fields).map(([field, message]) => [field, MESSAGES[message] ? errorMessage(message, locale) : message]));

export function errorBody(code: string, locale: Locale, fields?: Record<string, string>): ErrorBody {
  return { error: { code, message: errorMessage(code, locale), ...(fields ? { fields: fieldMessages(fields, locale) } : {}) } };
}

/** Parses client input; a failure becomes a 400 naming every wrong field in the client's language. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown, locale: Locale, prefix?: string): T {
  const result = schema.safeParse(input, { error: plainErrorMaps[locale] });
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || prefix || 'body';
    fields[key] ??= issue.message;
  }
  throw new AppError(400, 'validation_failed', fields);
}

/** Maps anything thrown in a request to the contract's error format; never leaks internals. */
export function handleError(err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) {
  const locale = requestLocale(req);
  if (err instanceof AppError) {
    return reply.status(err.status).send(errorBody(err.code, locale, err.fields));
  }
  if (isDatabaseUnavailable(err)) {
    // The connection, not the request, failed: the client may try again shortly.
    req.log.warn({ err }, 'database unavailable');
    return reply.status(503).header('retry-after', '1').send(errorBody('unavailable', locale));
  }
  const fe = err as FastifyError;
  const status = fe.statusCode ?? 500;
  const fastifyCodes: Record<string, [number, string]> = {
    FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json'],
    FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_json'],
    FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large'],
    FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid_json'],
    FST_REQ_FILE_TOO_LARGE: [413, 'payload_too_large'],
    FST_INVALID_MULTIPART_CONTENT_TYPE: [415, 'unsupported_media_type'],
  };
  const mapped = fe.code ? fastifyCodes[fe.code] : undefined;
  if (mapped) return reply.status(mapped[0]).send(errorBody(mapped[1], locale));
  if (err instanceof SyntaxError || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return reply.status(400).send(errorBody('invalid_json', locale));
  }
  if (status === 429) return reply.status(429).send(errorBody('too_many_attempts', locale));
  if (status >= 400 && status < 500) {
    return reply.status(status).send(errorBody(status === 413 ? 'payload_too_large' : 'validation_failed', locale));
  }
  req.log.error({ err }, 'unhandled error');
  return reply.status(500).send(errorBody('internal', locale));
}
