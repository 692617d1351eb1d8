import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { startTestApp, type TestApp } from '../../test/helpers.js';
import { registeredRoutes } from './http.js';

describe('OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite', { demo: false });
  });
  afterAll(() => t?.close());

  it('describes every route, with the schemas that validate its input', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const route of registeredRoutes()) {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      const op = doc.paths[path]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.url}`).toBeDefined();
      expect(op['x-koers-action']).toBe(route.action);
      // an object, or a union of objects (e.g. a verification by code or by recovery code)
      if (route.body) {
        const schema = op.requestBody.content['application/json'].schema;
        const variants = schema.anyOf ?? schema.oneOf ?? [schema];
        for (const v of variants) expect(v.type, `${route.method} ${route.url}`).toBe('object');
      }
    }
    const login = doc.paths['/api/v1/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['email', 'password']);
  });

  // Others generate clients from this document: it must pass Redocly's recommended rules
  // (operationIds, declared path parameters, 4xx answers in the error format, a license).
  it("passes Redocly's recommended lint rules without a warning", async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: res.body, absoluteRef: 'openapi.json', config });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
  });
});
