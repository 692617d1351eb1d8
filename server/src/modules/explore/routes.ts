import { z } from 'zod';
import { defineRoute, type Deps, type RouteContext, type RouteDef } from '../../platform/http.js';
import { notFound, registerErrorMessages } from '../../platform/errors.js';
import { PUBLIC } from '../../platform/policy.js';
import { getOccupation, getProgramme, listLabourMarketRegions, searchOccupations, searchProgrammes } from './catalogue.js';
import { importDataset } from './import.js';
import { AddressBudget } from './ratelimit.js';
import { confirmSignup, listPublicActivities, listPublicSignups, loadActivityResource, requestSignup } from './signups.js';
import * as s from './schema.js';
import { loadStudentRelation, type StudentRelation } from '../org/relations.js';
import { exploration, getEntryLink, linkEntry, loadEntryResource, recordView, suggestions, unlinkEntry } from './personal.js';
import { askQuestion, currentBuddy, endBuddy, listAlumni, loadAlumnusResource, noProfile, ownProfile, requestBuddy, saveProfile, withdrawProfile } from './alumni.js';
import type { ActivityResource, AlumnusResource, EntryResource } from './policy.js';

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
  return [...publicRoutes(limited), ...importRoutes(), ...personalRoutes(), ...alumniRoutes()];
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
    defineRoute<{ id: string }, unknown, unknown, ActivityResource>({
      method: 'GET',
      url: '/api/v1/explore/activities/:id/public-signups',
      summary: 'Staff of the organising institution: the confirmed sign-ups without an account of an activity (name and e-mail address)',
      tags: TAGS,
      action: 'explore.public_signups.read',
      params: s.idParams,
      resource: (ctx) => loadActivityResource(ctx.deps, ctx.params.id),
      response: s.publicSignupListSchema,
      handler: (ctx, a) => listPublicSignups(ctx.deps, a.activityId),
    }),
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

const entryResource = (ctx: RouteContext<{ entryId: string }, any, any>) => loadEntryResource(ctx.deps, ctx.actor, ctx.params.entryId) as Promise<(EntryResource & { competencies: string[] }) | null>;

function personalRoutes(): RouteDef[] {
  return [
    defineRoute<unknown, unknown, z.infer<typeof s.viewBody>>({
      method: 'POST',
      url: '/api/v1/explore/views',
      summary: 'The signed-in student looked at a programme or occupation (for their mentor’s preparation and their suggestions)',
      tags: TAGS,
      action: 'explore.view.record',
      body: s.viewBody,
      status: 204,
      handler: async (ctx) => {
        await recordView(ctx.deps, ctx.actor.userId, ctx.body.kind, ctx.body.id);
        return null;
      },
    }),
    defineRoute<{ entryId: string }, unknown, unknown, EntryResource & { competencies: string[] }>({
      method: 'GET',
      url: '/api/v1/explore/entries/:entryId/link',
      summary: 'The programme or occupation the student’s entry explored (null when none)',
      tags: TAGS,
      action: 'explore.entry.link',
      params: s.entryParams,
      resource: entryResource,
      response: s.entryLinkSchema.extend({ entryTitle: z.string() }).nullable(),
      handler: (ctx, e) => getEntryLink(ctx.deps, e.entryId),
    }),
    defineRoute<{ entryId: string }, unknown, z.infer<typeof s.entryLinkBody>, EntryResource & { competencies: string[] }>({
      method: 'PUT',
      url: '/api/v1/explore/entries/:entryId/link',
      summary: 'The student links the programme or occupation a werkexploratie entry explored',
      tags: TAGS,
      action: 'explore.entry.link',
      params: s.entryParams,
      body: s.entryLinkBody,
      resource: entryResource,
      response: s.entryLinkSchema.extend({ entryTitle: z.string() }).nullable(),
      handler: (ctx, e) => linkEntry(ctx.deps, ctx.actor, e, ctx.body, ctx.req.ip),
    }),
    defineRoute<{ entryId: string }, unknown, unknown, EntryResource & { competencies: string[] }>({
      method: 'DELETE',
      url: '/api/v1/explore/entries/:entryId/link',
      summary: 'The student removes the link of an entry',
      tags: TAGS,
      action: 'explore.entry.link',
      params: s.entryParams,
      resource: entryResource,
      status: 204,
      handler: async (ctx, e) => {
        await unlinkEntry(ctx.deps, e.entryId);
        return null;
      },
    }),
    defineRoute<{ id: string }, unknown, unknown, StudentRelation>({
      method: 'GET',
      url: '/api/v1/students/:id/exploration',
      summary: 'What a student explored (looked at, linked to entries) and whether a buddy match exists: for the student and their mentor before a conversation',
      tags: TAGS,
      action: 'explore.student.read',
      params: s.studentParams,
      resource: (ctx) => loadStudentRelation(ctx.deps, ctx.actor, ctx.params.id),
      auditRead: 'explore.student.read',
      response: s.explorationSchema,
      handler: (ctx, rel) => exploration(ctx.deps, rel.studentId, rel.self),
    }),
    defineRoute<unknown, unknown, unknown>({
      method: 'GET',
      url: '/api/v1/me/explore/suggestions',
      summary: 'Explained suggestions to explore, from the student’s own self-assessment, motives and opleiding',
      tags: TAGS,
      action: 'explore.suggestions',
      response: s.suggestionSchema,
      handler: (ctx) => suggestions(ctx.deps, ctx.actor.userId),
    }),
  ];
}

function alumniRoutes(): RouteDef[] {
  const alumnusResource = (ctx: RouteContext<{ id: string }, any, any>) => loadAlumnusResource(ctx.deps, ctx.actor, ctx.params.id);
  return [
    defineRoute<unknown, z.infer<typeof s.alumniQuery>, unknown>({
      method: 'GET',
      url: '/api/v1/explore/alumni',
      summary: 'Alumni of the reader’s school who consented, by programme or occupation, with their story',
      tags: TAGS,
      action: 'explore.alumni.read',
      query: s.alumniQuery,
      response: s.alumnusListSchema,
      handler: (ctx) => listAlumni(ctx.deps, ctx.actor, ctx.query),
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof s.questionBody>, AlumnusResource>({
      method: 'POST',
      url: '/api/v1/explore/alumni/:id/questions',
      summary: 'A student asks an alumnus who allows contact a question; it arrives as a direct message',
      tags: TAGS,
      action: 'explore.alumnus.ask',
      params: s.idParams,
      body: s.questionBody,
      resource: alumnusResource,
      response: s.questionAnswer,
      status: 201,
      handler: (ctx, a) => askQuestion(ctx.deps, ctx.actor, a.alumnusId, ctx.body.body),
    }),
    defineRoute<unknown, unknown, unknown>({
      method: 'GET',
      url: '/api/v1/me/alumnus',
      summary: 'The signed-in alumnus’s own story, choices and recorded consent (null before they gave it)',
      tags: TAGS,
      action: 'explore.alumnus.own',
      response: s.ownAlumnusSchema,
      handler: (ctx) => ownProfile(ctx.deps, ctx.actor.userId),
    }),
    defineRoute<unknown, unknown, z.infer<typeof s.alumnusProfileBody>>({
      method: 'PUT',
      url: '/api/v1/me/alumnus',
      summary: 'The alumnus writes their story and chooses contact and buddy; saving records the consent',
      tags: TAGS,
      action: 'explore.alumnus.own',
      body: s.alumnusProfileBody,
      response: s.ownAlumnusSchema,
      handler: (ctx) => saveProfile(ctx.deps, ctx.actor, ctx.body, ctx.req.ip),
    }),
    defineRoute<unknown, unknown, unknown>({
      method: 'DELETE',
      url: '/api/v1/me/alumnus',
      summary: 'The alumnus withdraws consent: the story disappears and contacts end',
      tags: TAGS,
      action: 'explore.alumnus.own',
      status: 204,
      handler: async (ctx) => {
        if (!(await ownProfile(ctx.deps, ctx.actor.userId))) throw noProfile();
        await withdrawProfile(ctx.deps, ctx.actor, ctx.req.ip);
        return null;
      },
    }),
    defineRoute<unknown, unknown, unknown>({
      method: 'GET',
      url: '/api/v1/me/buddy',
      summary: 'The signed-in student’s buddy, with why they were matched (null when none)',
      tags: TAGS,
      action: 'explore.buddy.request',
      response: s.buddyAnswer,
      handler: (ctx) => currentBuddy(ctx.deps, ctx.actor.userId),
    }),
    defineRoute<unknown, unknown, unknown>({
      method: 'POST',
      url: '/api/v1/me/buddy',
      summary: 'The student asks for a buddy, matched on programme and the occupations they explored',
      tags: TAGS,
      action: 'explore.buddy.request',
      response: s.buddyAnswer,
      handler: (ctx) => requestBuddy(ctx.deps, ctx.actor),
    }),
    defineRoute<unknown, unknown, unknown>({
      method: 'DELETE',
      url: '/api/v1/me/buddy',
      summary: 'The student ends the buddy match',
      tags: TAGS,
      action: 'explore.buddy.request',
      status: 204,
      handler: async (ctx) => {
        await endBuddy(ctx.deps, ctx.actor);
        return null;
      },
    }),
  ];
}
