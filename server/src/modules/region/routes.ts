import type { z } from 'zod';
import { defineRoute, type RouteContext, type RouteDef } from '../../platform/http.js';
import { badRequest } from '../../platform/errors.js';
import { loadYouthResource, regionalOrganisations } from './access.js';
import { addCaseAction, assignCaseOwner, closeCase, listSignals, ownerCandidates } from './cases.js';
import { importYouth, readImportFile } from './imports.js';
import { dropoutAnalysis, dropoutCsv } from './dropout.js';
import { schoolFeedback } from './feedback.js';
import { createService, deleteService, getService, listServices, loadServiceResource, updateService } from './services.js';
import { ORGANISERS, REGISTRARS, type MeetingResource, type ServiceResource, type YouthResource } from './policy.js';
import { createMeeting, getMeeting, listMeetings, loadMeetingResource, recordDecision } from './meetings.js';
import { getYouth, listYouth, ownRecords } from './registry.js';
import {
  actionBody,
  candidatesResponse,
  caseOwnerBody,
  caseOwnerResponse,
  closeBody,
  decisionBody,
  dropoutQuery,
  dropoutResponse,
  decisionParams,
  meetingBody,
  meetingListResponse,
  meetingView,
  idParams,
  importQuery,
  importResponse,
  legalBasesResponse,
  ownRecordResponse,
  serviceBody,
  serviceUpdateBody,
  servicesQuery,
  servicesResponse,
  serviceView,
  signalsResponse,
  youthDetail,
  youthListQuery,
  youthListResponse,
} from './schema.js';
import { z as zod } from 'zod';

const TAGS = ['region'];

const youthResource = (ctx: RouteContext<{ id: string }, any, any>) => loadYouthResource(ctx.deps, ctx.actor, ctx.params.id);

export function regionRoutes(): RouteDef[] {
  return [...registryRoutes(), ...caseRoutes(), ...meetingRoutes(), ...analysisRoutes(), ...socialMapRoutes()];
}

function registryRoutes(): RouteDef[] {
  return [
    defineRoute<unknown, z.infer<typeof youthListQuery>, unknown>({
      method: 'GET',
      url: '/api/v1/region/youth',
      summary: 'The regional overview: young people of the reader’s region they have a legal basis for, most urgent first (no case owner, then longest in status); each one shown is audited',
      tags: TAGS,
      action: 'region.youth.list',
      query: youthListQuery,
      response: youthListResponse,
      handler: (ctx) => listYouth(ctx.deps, ctx.actor, ctx.query, ctx.req.ip),
    }),
    defineRoute<{ id: string }, unknown, unknown, YouthResource>({
      method: 'GET',
      url: '/api/v1/region/youth/:id',
      summary: 'One young person with their places over time and their case (owner history, actions, outcome); audited',
      tags: TAGS,
      action: 'region.youth.read',
      params: idParams,
      resource: youthResource,
      response: youthDetail,
      handler: (ctx, y) => getYouth(ctx.deps, ctx.actor, y.id, y.legalBasis ? 'legal_basis' : 'meeting', ctx.req.ip),
    }),
    defineRoute<unknown, z.infer<typeof importQuery>, unknown>({
      method: 'POST',
      url: '/api/v1/region/imports',
      summary: 'Import school leavers or municipal registrations (multipart field "file", CSV as in docs/region-import.md) into the registry of the reader’s region; rejected rows with their reason',
      tags: TAGS,
      action: 'region.import',
      query: importQuery,
      response: importResponse,
      handler: async (ctx) => {
        const [org] = await regionalOrganisations(ctx.deps, ctx.actor, REGISTRARS);
        if (!org) throw badRequest('region_import_no_region', { institution: 'Geen RMC-regio / no RMC region.' });
        const content = await readImportFile(ctx.req);
        return importYouth(ctx.deps, ctx.actor, org, ctx.query.kind, content, ctx.locale, ctx.req.ip);
      },
    }),
    defineRoute<unknown, unknown, unknown>({
      method: 'GET',
      url: '/api/v1/region/legal-bases',
      summary: 'The legal basis each regional role reads young people on (age range, consent, law)',
      tags: TAGS,
      action: 'region.legal_bases.read',
      response: legalBasesResponse,
      handler: async (ctx) => {
        const rows = await ctx.deps.db.selectFrom('region_legal_bases').selectAll().orderBy('role').orderBy('min_age').execute();
        return { items: rows.map((r) => ({ role: r.role, basis: r.basis, minAge: Number(r.min_age), maxAge: Number(r.max_age), requiresConsent: r.requires_consent, law: r.law })), nextCursor: null };
      },
    }),
    defineRoute<unknown, unknown, unknown>({
      method: 'GET',
      url: '/api/v1/me/region',
      summary: 'The signed-in young person’s own records in the regional registry, with who read them',
      tags: TAGS,
      action: 'region.own.read',
      response: ownRecordResponse,
      handler: (ctx) => ownRecords(ctx.deps, ctx.actor.userId),
    }),
  ];
}

function caseRoutes(): RouteDef[] {
  return [
    defineRoute<{ id: string }, unknown, unknown, YouthResource>({
      method: 'GET',
      url: '/api/v1/region/youth/:id/owner-candidates',
      summary: 'Who may own this young person’s case: regional workers of the region with a legal basis for them',
      tags: TAGS,
      action: 'region.case.write',
      params: idParams,
      resource: youthResource,
      response: candidatesResponse,
      handler: async (ctx, y) => ({ items: await ownerCandidates(ctx.deps, y.id), nextCursor: null }),
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof caseOwnerBody>, YouthResource>({
      method: 'PUT',
      url: '/api/v1/region/youth/:id/case-owner',
      summary: 'Assign or change the case owner (opens the case when there is none); the owner history is kept',
      tags: TAGS,
      action: 'region.case.write',
      params: idParams,
      body: caseOwnerBody,
      resource: youthResource,
      response: caseOwnerResponse,
      handler: (ctx, y) => assignCaseOwner(ctx.deps, ctx.actor, y, ctx.body.userId, ctx.req.ip),
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof actionBody>, YouthResource>({
      method: 'POST',
      url: '/api/v1/region/youth/:id/case/actions',
      summary: 'Record an action in the case (nazorg) with the next follow-up date',
      tags: TAGS,
      action: 'region.case.write',
      params: idParams,
      body: actionBody,
      resource: youthResource,
      status: 201,
      response: zod.object({ id: zod.uuid(), caseId: zod.uuid(), followUpOn: zod.iso.date().nullable() }),
      handler: (ctx, y) => addCaseAction(ctx.deps, ctx.actor, y, ctx.body, ctx.req.ip),
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof closeBody>, YouthResource>({
      method: 'POST',
      url: '/api/v1/region/youth/:id/case/close',
      summary: 'Close the case with its outcome (back to school, work, care/day activities, moved out, unreachable); the outcome becomes the young person’s place',
      tags: TAGS,
      action: 'region.case.write',
      params: idParams,
      body: closeBody,
      resource: youthResource,
      response: zod.object({ caseId: zod.uuid(), outcome: zod.string(), status: zod.string(), since: zod.iso.date() }),
      handler: (ctx, y) => closeCase(ctx.deps, ctx.actor, y, ctx.body, ctx.req.ip),
    }),
    defineRoute<unknown, unknown, unknown>({
      method: 'GET',
      url: '/api/v1/region/signals',
      summary: 'For the regional coordinator: cases past their follow-up date without activity, and young people without a place and without a case owner for two weeks',
      tags: TAGS,
      action: 'region.signals.read',
      response: signalsResponse,
      handler: (ctx) => listSignals(ctx.deps, ctx.actor, ctx.req.ip),
    }),
  ];
}



function meetingRoutes(): RouteDef[] {
  const meetingResource = (ctx: RouteContext<{ id: string }, any, any>) => loadMeetingResource(ctx.deps, ctx.actor, ctx.params.id);
  return [
    defineRoute<unknown, unknown, unknown>({
      method: 'GET',
      url: '/api/v1/region/meetings',
      summary: 'The meetings (overleg) the reader takes part in or organised',
      tags: TAGS,
      action: 'region.meetings.list',
      response: meetingListResponse,
      handler: (ctx) => listMeetings(ctx.deps, ctx.actor),
    }),
    defineRoute<unknown, unknown, z.infer<typeof meetingBody>>({
      method: 'POST',
      url: '/api/v1/region/meetings',
      summary: 'Plan a meeting (commissie doorstroom, casusoverleg, afstemmingsoverleg) with participants and young people on the agenda the organiser has a legal basis for',
      tags: TAGS,
      action: 'region.meeting.create',
      body: meetingBody,
      status: 201,
      response: zod.object({ id: zod.uuid() }),
      handler: async (ctx) => {
        const [org] = await regionalOrganisations(ctx.deps, ctx.actor, ORGANISERS);
        if (!org) throw badRequest('region_import_no_region', { institution: 'Geen RMC-regio / no RMC region.' });
        return createMeeting(ctx.deps, ctx.actor, org, ctx.body, ctx.req.ip);
      },
    }),
    defineRoute<{ id: string }, unknown, unknown, MeetingResource>({
      method: 'GET',
      url: '/api/v1/region/meetings/:id',
      summary: 'One meeting; a participant sees the young people on the agenda only while the meeting runs (audited)',
      tags: TAGS,
      action: 'region.meeting.read',
      params: idParams,
      resource: meetingResource,
      response: meetingView,
      handler: (ctx, m) => getMeeting(ctx.deps, ctx.actor, m, ctx.req.ip),
    }),
    defineRoute<{ id: string; youthId: string }, unknown, z.infer<typeof decisionBody>, MeetingResource>({
      method: 'PUT',
      url: '/api/v1/region/meetings/:id/agenda/:youthId/decision',
      summary: 'While the meeting runs, a participant records the decision about a young person on the agenda; a follow-up action lands in their case',
      tags: TAGS,
      action: 'region.meeting.decide',
      params: decisionParams,
      body: decisionBody,
      resource: (ctx) => loadMeetingResource(ctx.deps, ctx.actor, ctx.params.id),
      response: zod.object({ itemId: zod.uuid(), decision: zod.string(), action: zod.object({ id: zod.uuid(), caseId: zod.uuid(), followUpOn: zod.string().nullable() }).nullable() }),
      handler: (ctx, m) => recordDecision(ctx.deps, ctx.actor, m, ctx.params.youthId, ctx.body, ctx.req.ip),
    }),
  ];
}

function analysisRoutes(): RouteDef[] {
  return [
    defineRoute<unknown, z.infer<typeof dropoutQuery>, unknown>({
      method: 'GET',
      url: '/api/v1/region/dropout',
      summary: 'Dropout analysis of the reader’s region by institution, opleiding, level, month after start or reason, with the share re-placed within 3 and 6 months; groups under 10 hidden',
      tags: TAGS,
      action: 'region.dropout.read',
      query: dropoutQuery,
      response: dropoutResponse,
      handler: (ctx) => dropoutAnalysis(ctx.deps, ctx.actor, ctx.query),
    }),
    defineRoute<unknown, unknown, unknown>({
      method: 'GET',
      url: '/api/v1/region/feedback',
      summary: 'Terugkoppeling for the school a young person left: how their case ended, and when (no case details)',
      tags: TAGS,
      action: 'region.feedback.read',
      response: zod.object({ items: zod.array(zod.object({ name: zod.string(), programme: zod.string().nullable(), outcome: zod.string(), closedOn: zod.iso.date() })), nextCursor: zod.null() }),
      handler: (ctx) => schoolFeedback(ctx.deps, ctx.actor, ctx.req.ip),
    }),
    defineRoute<unknown, z.infer<typeof dropoutQuery>, unknown>({
      method: 'GET',
      url: '/api/v1/region/dropout.csv',
      summary: 'The dropout analysis as CSV, with the same suppression',
      tags: TAGS,
      action: 'region.dropout.read',
      query: dropoutQuery,
      raw: true,
      handler: async (ctx) => {
        const csv = dropoutCsv(await dropoutAnalysis(ctx.deps, ctx.actor, ctx.query));
        return ctx.reply
          .status(200)
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="uitval-${ctx.query.by}.csv"`)
          .header('cache-control', 'private, no-store')
          .send(csv);
      },
    }),
  ];
}

function socialMapRoutes(): RouteDef[] {
  const serviceResource = (ctx: RouteContext<{ id: string }, any, any>) => loadServiceResource(ctx.deps, ctx.actor, ctx.params.id);
  return [
    defineRoute<unknown, z.infer<typeof servicesQuery>, unknown>({
      method: 'GET',
      url: '/api/v1/region/services',
      summary: 'The sociale kaart of the reader’s region(s): services with contact, audience, age limits and eligibility, searchable by words, kind and age',
      tags: TAGS,
      action: 'region.services.list',
      query: servicesQuery,
      response: servicesResponse,
      handler: (ctx) => listServices(ctx.deps, ctx.actor, ctx.query),
    }),
    defineRoute<{ id: string }, unknown, unknown, ServiceResource>({
      method: 'GET',
      url: '/api/v1/region/services/:id',
      summary: 'One service of the sociale kaart',
      tags: TAGS,
      action: 'region.service.read',
      params: idParams,
      resource: serviceResource,
      response: serviceView,
      handler: (ctx, s) => getService(ctx.deps, s.id),
    }),
    defineRoute<unknown, unknown, z.infer<typeof serviceBody>>({
      method: 'POST',
      url: '/api/v1/region/services',
      summary: 'The regional coordinator adds a service to the sociale kaart of the region',
      tags: TAGS,
      action: 'region.service.create',
      body: serviceBody,
      status: 201,
      response: serviceView,
      handler: async (ctx) => {
        const [org] = await regionalOrganisations(ctx.deps, ctx.actor, ['regional_coordinator']);
        if (!org) throw badRequest('region_import_no_region', { institution: 'Geen RMC-regio / no RMC region.' });
        return createService(ctx.deps, ctx.actor, org, ctx.body, ctx.req.ip);
      },
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof serviceUpdateBody>, ServiceResource>({
      method: 'PATCH',
      url: '/api/v1/region/services/:id',
      summary: 'The regional coordinator of the region changes a service',
      tags: TAGS,
      action: 'region.service.write',
      params: idParams,
      body: serviceUpdateBody,
      resource: serviceResource,
      response: serviceView,
      handler: (ctx, s) => updateService(ctx.deps, ctx.actor, s.id, ctx.body, ctx.req.ip),
    }),
    defineRoute<{ id: string }, unknown, unknown, ServiceResource>({
      method: 'DELETE',
      url: '/api/v1/region/services/:id',
      summary: 'The regional coordinator of the region removes a service (case actions keep their text)',
      tags: TAGS,
      action: 'region.service.write',
      params: idParams,
      resource: serviceResource,
      status: 204,
      handler: async (ctx, s) => {
        await deleteService(ctx.deps, ctx.actor, s.id, ctx.req.ip);
      },
    }),
  ];
}
