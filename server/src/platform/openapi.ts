import { z } from 'zod';
import type { RouteDef } from './http.js';

const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        fields: { type: 'object', additionalProperties: { type: 'string' } },
      },
      required: ['code', 'message'],
    },
  },
};

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, any>;

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

/** The answers every client must be ready for, in the contract's error format. */
function errorResponses(r: RouteDef, pathParams: string[]) {
  return {
    // a malformed address or body, or a field that is not valid, is refused before anything runs
    '400': { $ref: '#/components/responses/BadRequest' },
    ...(r.action !== 'public' ? { '401': { $ref: '#/components/responses/Unauthenticated' }, '403': { $ref: '#/components/responses/Forbidden' } } : {}),
    ...(pathParams.length || r.resource ? { '404': { $ref: '#/components/responses/NotFound' } } : {}),
    default: { $ref: '#/components/responses/Unexpected' },
  };
}

/** A stable, readable operationId: `getStudentsByIdLobStatus` for GET /api/v1/students/:id/lob-status. */
export function operationId(method: string, url: string): string {
  const words = url
    .replace(/^\/api\/v1\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((segment) => (segment.startsWith(':') ? `by-${segment.slice(1)}` : segment))
    .flatMap((segment) => segment.split(/[^A-Za-z0-9]+/))
    .filter(Boolean);
  const capitalised = words.map((w) => w[0]!.toUpperCase() + w.slice(1));
  return method.toLowerCase() + (capitalised.join('') || 'Root');
}

const pathParamNames = (url: string) => [...url.matchAll(/:(\w+)/g)].map((m) => m[1]!);

/** The OpenAPI document, generated from the same zod schemas that validate requests. */
export function openApiDocument(routes: readonly RouteDef[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    const parameters: { name: string; in: string }[] = [];
    for (const [where, schema] of [['path', r.params], ['query', r.query]] as const) {
      if (!schema) continue;
      const s = jsonSchema(schema, 'input');
      for (const [name, prop] of Object.entries<any>(s.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (s.required ?? []).includes(name), schema: prop } as { name: string; in: string });
      }
    }
    // a path parameter the route reads without a schema is still part of the address
    const pathParams = pathParamNames(r.url);
    for (const name of pathParams) {
      if (!parameters.some((p) => p.in === 'path' && p.name === name)) {
        parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } } as { name: string; in: string });
      }
    }
    const ok = String(r.status ?? 200);
    paths[path] ??= {};
    paths[path][r.method.toLowerCase()] = {
      operationId: operationId(r.method, r.url),
      summary: r.summary,
      tags: r.tags,
      'x-koers-action': r.action,
      ...(parameters.length ? { parameters } : {}),
      ...(r.requestContentType ? { requestBody: { required: true, content: { [r.requestContentType]: { schema: { type: 'string' } } } } } : {}),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } } } : {}),
      responses: {
        [ok]: r.response
          ? { description: 'OK', content: { 'application/json': { schema: jsonSchema(r.response, 'output') } } }
          : { description: 'OK' },
        ...errorResponses(r, pathParams),
      },
      ...(r.action === 'public' ? { security: [] } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Koers API',
      version,
      description: 'Open platform voor loopbaanoriëntatie en -begeleiding (LOB) in het mbo.',
      license: { name: 'EUPL-1.2', url: 'https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12' },
    },
    servers: [{ url: '/' }],
    components: {
      schemas: { Error: errorSchema },
      responses: {
        BadRequest: errorResponse('The address or a field is not valid; `fields` names each wrong field.'),
        Unauthenticated: errorResponse('Not signed in, or the session has ended.'),
        Forbidden: errorResponse('Signed in, but not allowed (or the CSRF token is missing).'),
        NotFound: errorResponse('Does not exist, or its existence is private to this reader.'),
        Unexpected: errorResponse('Any other error, in the same format.'),
      },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'koers_session' },
        csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
      },
    },
    security: [{ session: [], csrf: [] }],
    paths,
  };
}
