import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredRoutes, type RouteDef } from '../src/platform/http.js';
import { signIn, startTestApp, testEngines, type TestApp } from './helpers.js';

/**
 * Seeded, bounded fuzzing of every JSON route: whatever a client sends, Koers answers without a
 * 5xx, and every refusal is in the contract's error format {"error":{"code","message","fields"}}.
 * The seed is fixed so a failure reproduces; FUZZ_SEED and FUZZ_RUNS change it locally.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const RUNS = Number(process.env.FUZZ_RUNS ?? 3);

// Routes that end the session the fuzzer runs under; they are covered by their own tests.
const SKIP = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/auth/sessions/revoke-others', 'DELETE /api/v1/auth/sessions']);

const nasty = fc.constantFrom('\u0000', 'a\u0000b', '\u202eexe.gpj', '\u0007', '\u001b[31m', "'; drop table users; --", '../../etc/passwd', '%00', '%', '😀'.repeat(40), 'x'.repeat(5000), '', ' ', 'null', '-1', '1e309', '2026-02-30', '9999-12-31T99:99:99Z');
const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }), nasty);
const scalar = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.uuid(), fc.constant(Number.MAX_SAFE_INTEGER), fc.constant(-1));
const value = fc.oneof({ depthSize: 'small' }, scalar, fc.array(scalar, { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 3 }));

/**
 * An arbitrary for what a zod schema accepts, most of the time, with a hostile string now and
 * then (a NUL, a bidi override, an escape): valid-looking input gets past validation to the
 * database, where the 500s used to come from.
 */
function fromSchema(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  const def = (schema as { _zod?: { def?: any } })?._zod?.def;
  if (!def || depth > 6) return value;
  const checks: any[] = def.checks ?? [];
  const limit = (kind: string) => checks.map((c) => c?._zod?.def).find((d) => d?.check === kind)?.[kind === 'max_length' ? 'maximum' : 'minimum'];
  switch (def.type) {
    case 'string': {
      const formats: Record<string, fc.Arbitrary<string>> = {
        uuid: fc.uuid(),
        guid: fc.uuid(),
        date: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
        datetime: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString()),
        email: fc.constantFrom('iemand@demo.koers.nl', 'a@b.nl'),
        url: fc.constantFrom('https://example.nl/x', 'http://127.0.0.1:1/'),
      };
      const max = Math.min(Number(limit('max_length') ?? 30), 30);
      const min = Math.min(Number(limit('min_length') ?? 1), max);
      const valid = formats[def.format] ?? fc.string({ minLength: Math.max(min, 1), maxLength: Math.max(max, 1) });
      const hostile = fc.oneof(valid.map((v) => `${v}\u0000`), valid.map((v) => `\u202e${v}`), nasty);
      return fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: hostile, weight: 1 });
    }
    case 'number':
    case 'int':
      return fc.oneof({ arbitrary: fc.integer({ min: 0, max: 20 }), weight: 5 }, { arbitrary: fc.oneof(fc.double(), fc.integer()), weight: 1 });
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'optional':
    case 'default':
    case 'prefault':
      return fc.option(fromSchema(def.innerType, depth + 1), { nil: undefined });
    case 'nullable':
      return fc.option(fromSchema(def.innerType, depth + 1), { nil: null });
    case 'array':
      return fc.array(fromSchema(def.element, depth + 1), { minLength: Math.min(Number(limit('min_length') ?? 0), 3), maxLength: 3 });
    case 'union':
      return fc.oneof(...(def.options as unknown[]).map((o) => fromSchema(o, depth + 1)));
    case 'pipe':
      return fromSchema(def.in, depth + 1);
    case 'object':
      return fc.record(Object.fromEntries(Object.entries(def.shape as Record<string, unknown>).map(([k, v]) => [k, fromSchema(v, depth + 1)])));
    default:
      return value;
  }
}

function shapeKeys(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

/** A body with the schema's own keys (so validation goes deep) filled with hostile values, or plain junk. */
function bodyFor(def: RouteDef) {
  const keys = shapeKeys(def.body);
  const shaped = keys.length ? fc.record(Object.fromEntries(keys.map((k) => [k, value])), { requiredKeys: [] }) : fc.constant({});
  return fc.oneof({ arbitrary: fromSchema(def.body), weight: 4 }, { arbitrary: shaped, weight: 1 }, { arbitrary: value, weight: 1 }, { arbitrary: fc.constant(undefined), weight: 1 });
}

function queryFor(def: RouteDef) {
  const keys = [...shapeKeys(def.query), 'limit', 'cursor'];
  const junk = fc.dictionary(fc.constantFrom(...keys), fc.oneof(text, fc.integer().map(String)), { maxKeys: 3 });
  const shaped = fromSchema(def.query).map((q) =>
    Object.fromEntries(Object.entries((q ?? {}) as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null && typeof v !== 'object').map(([k, v]) => [k, String(v)])),
  );
  return def.query ? fc.oneof(shaped, junk) : junk;
}

const paramValue = fc.oneof(fc.uuid(), text.filter((s) => s.length > 0), fc.constant('00000000-0000-0000-0000-000000000000'));

function urlFor(def: RouteDef, params: string[], query: Record<string, string>) {
  let i = 0;
  const path = def.url.replace(/:(\w+)/g, () => encodeURIComponent(params[i++] ?? 'x'));
  const qs = new URLSearchParams(query).toString();
  return qs ? `${path}?${qs}` : path;
}

function expectContractAnswer(route: string, res: { statusCode: number; headers: Record<string, unknown>; body: string }) {
  expect(res.statusCode, `${route} → ${res.statusCode} ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode >= 400 && String(res.headers['content-type'] ?? '').includes('json')) {
    const body = JSON.parse(res.body);
    expect(Object.keys(body), `${route}: ${res.body.slice(0, 300)}`).toEqual(['error']);
    expect(typeof body.error.code, route).toBe('string');
    expect(typeof body.error.message, route).toBe('string');
    for (const k of Object.keys(body.error)) expect(['code', 'message', 'fields'], route).toContain(k);
  } else if (res.statusCode >= 400) {
    throw new Error(`${route} → ${res.statusCode} without the JSON error format: ${res.body.slice(0, 200)}`);
  }
}

describe.each(testEngines())('fuzzing every JSON route (seeded, bounded) on %s', (engine) => {
  let t: TestApp;
  let clients: Record<string, Awaited<ReturnType<typeof signIn>>>;
  beforeAll(async () => {
    t = await startTestApp(engine);
    clients = {
      student: await signIn(t, 'student@demo.koers.nl'),
      mentor: await signIn(t, 'mentor@demo.koers.nl'),
      admin: await signIn(t, 'admin@demo.koers.nl'),
    };
  });
  afterAll(() => t?.close());

  it('answers no 5xx and only the contract error format', async () => {
    const routes = registeredRoutes().filter((r) => !SKIP.has(`${r.method} ${r.url}`));
    expect(routes.length).toBeGreaterThan(50);
    let requests = 0;
    for (const def of routes) {
      const paramCount = (def.url.match(/:\w+/g) ?? []).length;
      const route = `${def.method} ${def.url}`;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('anonymous', 'student', 'mentor', 'admin'),
          fc.array(paramValue, { minLength: paramCount, maxLength: paramCount }),
          queryFor(def),
          bodyFor(def),
          async (who, params, query, body) => {
            const c = who === 'anonymous' ? null : clients[who];
            const headers: Record<string, string> = c ? { cookie: `koers_session=${c.cookie}`, 'x-csrf-token': c.csrfToken } : {};
            const hasBody = def.method !== 'GET' && def.method !== 'DELETE' && body !== undefined;
            if (hasBody) headers['content-type'] = 'application/json';
            const res = await t.app.inject({ method: def.method, url: urlFor(def, params, query), headers, ...(hasBody ? { payload: JSON.stringify(body) } : {}) });
            requests++;
            expectContractAnswer(route, res);
          },
        ),
        { seed: SEED, numRuns: def.method === 'GET' ? RUNS : RUNS * 4, endOnFailure: true },
      );
    }
    expect(requests).toBeGreaterThan(routes.length);
  }, 240_000);

  it('answers malformed URLs, overlong parameters and unknown routes in the contract format', async () => {
    const student = await signIn(t, 'student@demo.koers.nl');
    const headers = { cookie: `koers_session=${student.cookie}` };
    for (const url of ['/api/v1/students/%', '/api/v1/students/%E0%A4%A', `/api/v1/students/${'a'.repeat(5000)}`, '/api/v1/bestaat-niet', '/api/v1/students/%00/portfolio/entries']) {
      const res = await t.app.inject({ method: 'GET', url, headers });
      expectContractAnswer(url, res);
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
    }
  });

  it('refuses a control character with 400 naming the field, and an empty update with 400', async () => {
    // Fresh sessions: the fuzzing above may have ended the old ones (password change, sign-out everywhere).
    const sanne = await signIn(t, 'student@demo.koers.nl');
    const bad = await sanne.post('/api/v1/portfolio/entries', {
      kind: 'bpv',
      title: 'Stage\u0000dag',
      occurredOn: '2026-11-20',
      competencies: ['werkexploratie'],
      reflection: { orientatie: 'a', mening: 'b\u0007', reflectie: 'c' },
      sharing: [],
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(['title']);
    const nested = await sanne.post('/api/v1/portfolio/entries', {
      kind: 'bpv',
      title: 'Stagedag',
      occurredOn: '2026-11-20',
      competencies: ['werkexploratie'],
      reflection: { orientatie: 'a', mening: 'b\u0007', reflectie: 'c' },
      sharing: [],
    });
    expect(nested.statusCode).toBe(400);
    expect(Object.keys(nested.json().error.fields)).toEqual(['reflection.mening']);
    // Line breaks and tabs are text, not control characters to refuse.
    const fine = await sanne.post('/api/v1/portfolio/entries', {
      kind: 'bpv',
      title: 'Stagedag',
      occurredOn: '2026-11-20',
      competencies: ['werkexploratie'],
      reflection: { orientatie: 'regel 1\nregel 2\r\n\tingesprongen', mening: 'b', reflectie: 'c' },
      sharing: [],
    });
    expect(fine.statusCode).toBe(201);
    const admin = await signIn(t, 'admin@demo.koers.nl');
    const inst = await t.deps.db.selectFrom('user_roles').select('institution_id').where('user_id', '=', admin.user.id).executeTakeFirstOrThrow();
    const empty = await admin.patch(`/api/v1/admin/institutions/${inst.institution_id}`, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('empty_update');
  });
});
