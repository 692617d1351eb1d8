import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { registeredRoutes, type RouteDef } from '../src/platform/http.js';
import { signIn, startTestApp, type TestApp } from './helpers.js';

/**
 * Every validation message a person can see says in plain words what to do. The validator's
 * stock texts ("Te kort: verwacht dat string >=3 tekens heeft", "Ongeldig: UUID") must never
 * reach a response: this walks every route with wrong input of every kind and reads the answers.
 */
const STOCK_TEXT = /verwacht|expected|ongeldig|invalid|te kort|te lang|te klein|te groot|too small|too big|onbekende sleutel|unrecognized|[<>]=|\bNaN\b/i;

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; minLength?: number; maxLength?: number; minimum?: number; maximum?: number; minItems?: number; anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; enum?: unknown[]; format?: string };

const schemaOf = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

/** A value of the wrong kind for a property, and values just past its limits. */
function wrongValues(prop: JsonSchema): unknown[] {
  const variant = prop.anyOf?.[0] ?? prop.oneOf?.[0] ?? prop;
  const type = Array.isArray(variant.type) ? variant.type[0] : variant.type;
  const values: unknown[] = [];
  if (type === 'string') {
    values.push(12345, 'x'.repeat((variant.maxLength ?? 5000) + 1));
    if (variant.minLength && variant.minLength > 1) values.push('x');
    if (variant.format || variant.enum) values.push('niet-goed');
  } else if (type === 'number' || type === 'integer') {
    values.push('abc', 1.5, (variant.maximum ?? 1e9) + 1, (variant.minimum ?? -1e9) - 1);
  } else if (type === 'boolean') {
    values.push('misschien');
  } else if (type === 'array') {
    values.push('x', []);
  } else {
    values.push('x');
  }
  return values;
}

/** Request bodies that break one property each, plus an empty body. */
function badBodies(def: RouteDef): unknown[] {
  if (!def.body) return [];
  const schema = schemaOf(def.body);
  const variant = schema.anyOf?.[0] ?? schema.oneOf?.[0] ?? schema;
  const bodies: unknown[] = [{}];
  for (const [name, prop] of Object.entries(variant.properties ?? {})) {
    for (const value of wrongValues(prop)) bodies.push({ [name]: value });
  }
  return bodies;
}

function badQueries(def: RouteDef): string[] {
  if (!def.query) return [];
  const schema = schemaOf(def.query);
  return Object.entries(schema.properties ?? {}).flatMap(([name, prop]) =>
    wrongValues(prop)
      .filter((v) => typeof v !== 'object')
      .map((v) => `?${name}=${encodeURIComponent(String(v))}`),
  );
}

describe('validation messages', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof signIn>>;
  beforeAll(async () => {
    t = await startTestApp('pglite');
    admin = await signIn(t, 'admin@demo.koers.nl');
  });
  afterAll(() => t?.close());

  it('never show the validator’s stock texts, in Dutch or English, on any route', async () => {
    const offending: string[] = [];
    let checked = 0;
    for (const def of registeredRoutes()) {
      if (def.method !== 'GET' && !def.body) continue;
      const url = def.url.replace(/:(\w+)/g, 'x');
      const requests: { url: string; body?: unknown }[] = [
        ...(def.params ? [{ url }] : []),
        ...badQueries(def).map((q) => ({ url: def.url.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000') + q })),
        ...badBodies(def).map((body) => ({ url: def.url.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000'), body })),
      ];
      for (const request of requests) {
        for (const locale of ['nl', 'en']) {
          const res = await admin.request(def.method, request.url, request.body, { 'accept-language': locale });
          if (res.statusCode !== 400) continue;
          checked += 1;
          const error = res.json().error as { message: string; fields?: Record<string, string> };
          for (const [field, message] of Object.entries({ '': error.message, ...error.fields })) {
            if (STOCK_TEXT.test(message)) offending.push(`${def.method} ${def.url} ${field} (${locale}): ${message}`);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(offending).toEqual([]);
  });

  it('say what to do, in the reader’s language', async () => {
    const nl = await admin.request('POST', '/api/v1/auth/password-reset/request', { email: 'ab' }, { 'accept-language': 'nl' });
    const en = await admin.request('POST', '/api/v1/auth/password-reset/request', { email: 'ab' }, { 'accept-language': 'en' });
    expect(nl.statusCode).toBe(400);
    expect(nl.json().error.fields.email).toBe('Vul minstens 3 tekens in.');
    expect(en.json().error.fields.email).toBe('Enter at least 3 characters.');
    const entry = await admin.request('POST', '/api/v1/portfolio/entries', { title: 'Stage', occurredOn: 'gisteren' }, { 'accept-language': 'nl' });
    expect(entry.json().error.fields).toMatchObject({ kind: 'Vul dit veld in.', occurredOn: 'Vul een datum in, bijvoorbeeld 2026-09-01.' });
  });
});
