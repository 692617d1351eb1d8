import type { z } from 'zod';
import { defineRoute, type Deps, type RouteContext, type RouteDef } from '../../platform/http.js';
import { notFound, registerErrorMessages } from '../../platform/errors.js';
import { PUBLIC } from '../../platform/policy.js';
import { getOccupation, getProgramme, listLabourMarketRegions, searchOccupations, searchProgrammes } from './catalogue.js';
import { importDataset } from './import.js';
import { AddressBudget } from './ratelimit.js';
import { confirmSignup, listPublicActivities, requestSignup } from './signups.js';
import * as s from './schema.js';

registerErrorMessages({
  rate_limited: { nl: 'Te veel verzoeken vanaf dit adres. Wacht een minuut en probeer het opnieuw.', en: 'Too many requests from this address. Wait a minute and try again.' },
  signup_token_invalid: { nl: 'Deze link werkt niet (meer). Meld je opnieuw aan.', en: 'This link does not work (any more). Sign up again.' },
  import_unreadable: { nl: 'Het bestand kan niet worden gelezen.', en: 'The file cannot be read.' },
  import_too_many_rows: { nl: 'Te veel rijen in één keer: hoogstens 5000.', en: 'Too many rows at once: 5000 at most.' },
  explore_entry_not_werkexploratie: { nl: 'Koppel een opleiding of beroep aan een ervaring over werkexploratie.', en: 'Link a programme or occupation to an entry about werkexploratie (work exploration).' },
  explore_no_alumnus_profile: { nl: 'Je hebt nog geen verhaal als oud-student.', en: 'You do not have an alumni story yet.' },
});

const TAGS = ['explore'];
/** Public requests per client address per minute: a whole school behind one address browsing at once still fits. */
const PUBLIC_PER_MINUTE = 600;

export function exploreRoutes(deps: Deps): RouteDef[] {
  const budget = new AddressBudget(deps.clock, PUBLIC_PER_MINUTE);
  const limited = (ctx: RouteContext<any, any, any>) => budget.take(ctx.req.ip);
  return [...publicRoutes(limited), ...importRoutes()];
}

function publicRoutes(limited: (ctx: RouteContext<any, any, any>) => void): RouteDef[] {
  return [
    defineRoute<unknown, z.infer<typeof s.searchQuery>, unknown>({
      method: 'GET',
      url: '/api/v1/public/programmes',
      summary: 'No session: programmes of the national catalogue (mbo crebo, hbo CROHO) with their national Studie in Cijfers figures',
      tags: TAGS,
      action: PUBLIC,
      query: s.searchQuery,
      response: s.programmeListSchema,
      handler: (ctx) => {
        limited(ctx);
        return searchProgrammes(ctx.deps, ctx.query);
      },
    }),
    defineRoute<{ id: string }, unknown, unknown>({
      method: 'GET',
      url: '/api/v1/public/programmes/:id',
      summary: 'No session: one programme with its figures per institution and national, each school’s explanation, follow-on programmes and occupations',
      tags: TAGS,
      action: PUBLIC,
      params: s.idParams,
      response: s.programmeDetailSchema,
      handler: async (ctx) => {
        limited(ctx);
        const p = await getProgramme(ctx.deps, ctx.params.id);
        if (!p) throw notFound();
        return p;
      },
    }),
    defineRoute<unknown, z.infer<typeof s.occupationQuery>, unknown>({
      method: 'GET',
      url: '/api/v1/public/occupations',
      summary: 'No session: occupations with description, tasks, competencies, earnings, ISCO/ESCO codes and prospects per labour-market region',
      tags: TAGS,
      action: PUBLIC,
      query: s.occupationQuery,
      response: s.occupationListSchema,
      handler: (ctx) => {
        limited(ctx);
        return searchOccupations(ctx.deps, ctx.query);
      },
    }),
    defineRoute<{ id: string }, z.infer<typeof s.occupationDetailQuery>, unknown>({
      method: 'GET',
      url: '/api/v1/public/occupations/:id',
      summary: 'No session: one occupation',
      tags: TAGS,
      action: PUBLIC,
      params: s.idParams,
      query: s.occupationDetailQuery,
      response: s.occupationSchema,
      handler: async (ctx) => {
        limited(ctx);
        const o = await getOccupation(ctx.deps, ctx.params.id, ctx.query.region);
        if (!o) throw notFound();
        return o;
      },
    }),
    defineRoute<unknown, unknown, unknown>({
      method: 'GET',
      url: '/api/v1/public/regions',
      summary: 'No session: the 35 labour-market regions (arbeidsmarktregio’s)',
      tags: TAGS,
      action: PUBLIC,
      response: s.regionListSchema,
      handler: (ctx) => {
        limited(ctx);
        return listLabourMarketRegions(ctx.deps);
      },
    }),
    defineRoute<unknown, z.infer<typeof s.publicActivityQuery>, unknown>({
      method: 'GET',
      url: '/api/v1/public/activities',
      summary: 'No session: upcoming open days, meeloopdagen and proeflessen, with whether places are left',
      tags: TAGS,
      action: PUBLIC,
      query: s.publicActivityQuery,
      response: s.publicActivityListSchema,
      handler: (ctx) => {
        limited(ctx);
        return listPublicActivities(ctx.deps, ctx.query.kind);
      },
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof s.publicSignupBody>>({
      method: 'POST',
      url: '/api/v1/public/activities/:id/signups',
      summary: 'No session: sign up with an e-mail address; a link in the mail confirms. The answer is the same whatever happened.',
      tags: TAGS,
      action: PUBLIC,
      params: s.idParams,
      body: s.publicSignupBody,
      response: s.publicSignupAnswer,
      status: 202,
      handler: (ctx) => {
        limited(ctx);
        return requestSignup(ctx.deps, ctx.params.id, ctx.body, ctx.req.ip, ctx.locale, (err) => ctx.req.log.error({ err }, 'sign-up mail failed'));
      },
    }),
    defineRoute<unknown, unknown, z.infer<typeof s.confirmBody>>({
      method: 'POST',
      url: '/api/v1/public/signups/confirm',
      summary: 'No session: the link of the mail confirms the sign-up and takes a place when one is left',
      tags: TAGS,
      action: PUBLIC,
      body: s.confirmBody,
      response: s.confirmAnswer,
      handler: (ctx) => {
        limited(ctx);
        return confirmSignup(ctx.deps, ctx.body.token, ctx.locale, (err) => ctx.req.log.error({ err }, 'confirmation mail failed'));
      },
    }),
  ];
}

function importRoutes(): RouteDef[] {
  return [
    defineRoute<z.infer<typeof s.importParams>, unknown, z.infer<typeof s.importBody>>({
      method: 'POST',
      url: '/api/v1/explore/import/:dataset',
      summary: 'Import programmes, offerings, figures, explanations, occupations or prospects (CSV or JSON, docs/verkennen-import.md); good rows are imported, bad rows reported',
      tags: TAGS,
      action: 'explore.import',
      params: s.importParams,
      body: s.importBody,
      response: s.importResultSchema,
      handler: (ctx) => importDataset(ctx.deps, ctx.actor, ctx.params.dataset, ctx.body, ctx.locale, ctx.req.ip),
    }),
  ];
}
