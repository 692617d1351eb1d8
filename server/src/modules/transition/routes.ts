import { z } from 'zod';
import { defineRoute, type RouteContext, type RouteDef } from '../../platform/http.js';
import { badRequest } from '../../platform/errors.js';
import { contentDisposition } from '../portfolio/service.js';
import { listInstitutionProgrammes, searchInstitutions, getInstitution } from '../org/service.js';
import type { TransferResource } from './policy.js';
import {
  acceptTransfer,
  createTransfer,
  getTransferView,
  giveConsent,
  handoverOverview,
  listTransfers,
  loadNewTransferResource,
  loadTransferResource,
  planIntake,
  recordIntake,
  recordStatus,
  sendTransfer,
  updateTransfer,
} from './service.js';
import { importTransfer } from './import.js';
import { renderTransferPdf } from './pdf.js';
import {
  consentBody,
  createTransferBody,
  handoverQuery,
  handoverView,
  idParams,
  importBody,
  institutionList,
  institutionSearchQuery,
  listTransfersQuery,
  planIntakeBody,
  programmeList,
  recordIntakeBody,
  recordStatusBody,
  sentForm,
  transferList,
  transferView,
  updateTransferBody,
} from './schema.js';
import './messages.js';
import './policy.js';

const TAGS = ['transition'];

const transferResource = (ctx: RouteContext<{ id: string }, any, any>) => loadTransferResource(ctx.deps, ctx.actor, ctx.params.id);

function decodeNameCursor(cursor: string): { name: string; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (typeof parsed.name === 'string' && /^[0-9a-f-]{36}$/i.test(parsed.id)) return parsed;
  } catch {
    // fall through to the 400 below
  }
  throw badRequest('validation_failed', { cursor: 'Deze lijst kan niet verder; begin opnieuw bij het begin. / This list cannot continue; start again from the beginning.' });
}

export function transitionRoutes(): RouteDef[] {
  return [...institutionRoutes(), ...transferRoutes(), ...intakeRoutes(), ...exportRoutes()];
}

function institutionRoutes(): RouteDef[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/institutions',
      summary: 'Institutions of every type (vo, vso, pro, mbo, hbo, gemeente) with their region, to choose a destination',
      tags: TAGS,
      action: 'institutions.search',
      query: institutionSearchQuery,
      response: institutionList,
      handler: async (ctx) => {
        const after = ctx.query.cursor ? decodeNameCursor(ctx.query.cursor) : undefined;
        const rows = await searchInstitutions(ctx.deps, { q: ctx.query.q, type: ctx.query.type, limit: ctx.query.limit + 1, after });
        const items = rows.slice(0, ctx.query.limit);
        const last = items.at(-1);
        return { items, nextCursor: rows.length > ctx.query.limit && last ? Buffer.from(JSON.stringify({ name: last.name, id: last.id })).toString('base64url') : null };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/institutions/:id/programmes',
      summary: 'The programmes an institution offers (vo learning path and year, mbo crebo and level, hbo CROHO)',
      tags: TAGS,
      action: 'institutions.search',
      params: idParams,
      response: programmeList,
      handler: async (ctx) => {
        if (!(await getInstitution(ctx.deps, ctx.params.id))) throw badRequest('validation_failed', { id: 'Deze instelling bestaat niet. / This institution does not exist.' });
        return { items: await listInstitutionProgrammes(ctx.deps, ctx.params.id), nextCursor: null };
      },
    }),
  ];
}

function transferRoutes(): RouteDef[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/v1/transfers',
      summary: 'The pupil applies, or staff of the sending school start the transfer form for their pupil',
      tags: TAGS,
      action: 'transfer.create',
      body: createTransferBody,
      response: transferView,
      status: 201,
      resource: (ctx) => loadNewTransferResource(ctx.deps, ctx.actor, ctx.body.studentId),
      handler: async (ctx, res) => {
        const id = await createTransfer(ctx.deps, ctx.actor, res, ctx.body, ctx.req.ip);
        const loaded = (await loadTransferResource(ctx.deps, ctx.actor, id))!;
        return getTransferView(ctx.deps, loaded);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/transfers',
      summary: "Transfers the reader's institution received (incoming) or sent (outgoing); a pupil's and parent's own",
      tags: TAGS,
      action: 'transfers.list',
      query: listTransfersQuery,
      response: transferList,
      handler: async (ctx) => listTransfers(ctx.deps, ctx.actor, ctx.query),
    }),
    defineRoute<{ id: string }, unknown, unknown, TransferResource>({
      method: 'GET',
      url: '/api/v1/transfers/:id',
      summary: 'The transfer form: the pupil and parents see exactly what will be or was sent; receiving-school reads are audited',
      tags: TAGS,
      action: 'transfer.read',
      auditRead: 'transfer.read',
      params: idParams,
      response: transferView,
      resource: transferResource,
      handler: async (ctx, res) => getTransferView(ctx.deps, res),
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof updateTransferBody>, TransferResource>({
      method: 'PATCH',
      url: '/api/v1/transfers/:id',
      summary: 'Fill in the draft form: the pupil their choice, motivation and highlights; the sending school advice, support and contact',
      tags: TAGS,
      action: 'transfer.update',
      params: idParams,
      body: updateTransferBody,
      response: transferView,
      resource: transferResource,
      handler: async (ctx, res) => {
        await updateTransfer(ctx.deps, ctx.actor, res, ctx.body, ctx.req.ip);
        return getTransferView(ctx.deps, res);
      },
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof consentBody>, TransferResource>({
      method: 'POST',
      url: '/api/v1/transfers/:id/consent',
      summary: 'The pupil (and, under 16, a parent) agrees to sending this version of the form',
      tags: TAGS,
      action: 'transfer.consent',
      params: idParams,
      body: consentBody,
      response: transferView,
      resource: transferResource,
      handler: async (ctx, res) => {
        await giveConsent(ctx.deps, ctx.actor, res, ctx.body.includeSupport, ctx.req.ip);
        return getTransferView(ctx.deps, res);
      },
    }),
    defineRoute<{ id: string }, unknown, unknown, TransferResource>({
      method: 'POST',
      url: '/api/v1/transfers/:id/send',
      summary: 'The sending school sends the form; 409 while the consent it needs is missing',
      tags: TAGS,
      action: 'transfer.send',
      params: idParams,
      response: transferView,
      resource: transferResource,
      handler: async (ctx, res) => {
        await sendTransfer(ctx.deps, ctx.actor, res, ctx.req.ip);
        return getTransferView(ctx.deps, { ...res, status: 'sent' });
      },
    }),
    defineRoute<{ id: string }, unknown, unknown, TransferResource>({
      method: 'POST',
      url: '/api/v1/transfers/:id/accept',
      summary: "The receiving school accepts; the student's record there starts from the form",
      tags: TAGS,
      action: 'transfer.accept',
      params: idParams,
      response: transferView,
      resource: transferResource,
      handler: async (ctx, res) => {
        await acceptTransfer(ctx.deps, ctx.actor, res, ctx.req.ip);
        return getTransferView(ctx.deps, { ...res, status: 'accepted' });
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/transfers/import',
      summary: 'The receiving school imports a form from a school without Koers, in the documented JSON format',
      tags: TAGS,
      action: 'transfer.import',
      body: importBody,
      response: transferView,
      status: 201,
      handler: async (ctx) => {
        const id = await importTransfer(ctx.deps, ctx.actor, ctx.body, ctx.req.ip);
        return getTransferView(ctx.deps, (await loadTransferResource(ctx.deps, ctx.actor, id))!);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/transitions/handover',
      summary: 'The warm-handover figures of the sending school: its leavers of a school year and who started where',
      tags: TAGS,
      action: 'transition.handover.read',
      query: handoverQuery,
      response: handoverView,
      handler: async (ctx) => handoverOverview(ctx.deps, ctx.actor, ctx.query),
    }),
  ];
}

function intakeRoutes(): RouteDef[] {
  return [
    defineRoute<{ id: string }, unknown, z.infer<typeof planIntakeBody>, TransferResource>({
      method: 'POST',
      url: '/api/v1/transfers/:id/intake',
      summary: 'The receiving school plans the career-oriented intake conversation',
      tags: TAGS,
      action: 'transfer.intake',
      params: idParams,
      body: planIntakeBody,
      response: transferView,
      resource: transferResource,
      handler: async (ctx, res) => {
        await planIntake(ctx.deps, ctx.actor, res, ctx.body.plannedAt, ctx.req.ip);
        return getTransferView(ctx.deps, res);
      },
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof recordIntakeBody>, TransferResource>({
      method: 'PATCH',
      url: '/api/v1/transfers/:id/intake',
      summary: 'Record the intake (motivation, expectations, support needed, first agreements) and its outcome, which goes back to the sending school',
      tags: TAGS,
      action: 'transfer.intake',
      params: idParams,
      body: recordIntakeBody,
      response: transferView,
      resource: transferResource,
      handler: async (ctx, res) => {
        await recordIntake(ctx.deps, ctx.actor, res, ctx.body, ctx.req.ip);
        return getTransferView(ctx.deps, res);
      },
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof recordStatusBody>, TransferResource>({
      method: 'POST',
      url: '/api/v1/transfers/:id/statuses',
      summary: 'Record a status of the transition (ingeschreven, gestart, gestopt with reason, diploma, werk, vervolgopleiding)',
      tags: TAGS,
      action: 'transfer.status',
      params: idParams,
      body: recordStatusBody,
      response: transferView,
      status: 201,
      resource: transferResource,
      handler: async (ctx, res) => {
        await recordStatus(ctx.deps, ctx.actor, res, ctx.body, ctx.req.ip);
        return getTransferView(ctx.deps, res);
      },
    }),
  ];
}

function exportRoutes(): RouteDef[] {
  /** The sent form, or for a draft the preview of what will be sent (never for the receiving side). */
  const formOf = async (ctx: RouteContext<{ id: string }, unknown, unknown>, res: TransferResource) => {
    const view = await getTransferView(ctx.deps, res);
    return { form: (view.sent ?? view.preview)!, draft: !view.sent };
  };
  return [
    defineRoute<{ id: string }, unknown, unknown, TransferResource>({
      method: 'GET',
      url: '/api/v1/transfers/:id/export.json',
      summary: 'The form in the documented JSON format (koers-overstap/1), for schools without Koers',
      tags: TAGS,
      action: 'transfer.export',
      auditRead: 'transfer.export',
      params: idParams,
      response: sentForm,
      resource: transferResource,
      handler: async (ctx, res) => {
        const { form } = await formOf(ctx, res);
        ctx.reply.header('content-disposition', contentDisposition('attachment', 'overstapformulier.json')).header('cache-control', 'private, no-store');
        return form;
      },
    }),
    defineRoute<{ id: string }, unknown, unknown, TransferResource>({
      method: 'GET',
      url: '/api/v1/transfers/:id/export.pdf',
      summary: 'The form as a readable PDF, for schools without Koers',
      tags: TAGS,
      action: 'transfer.export',
      auditRead: 'transfer.export',
      params: idParams,
      resource: transferResource,
      raw: true,
      handler: async (ctx, res) => {
        const { form, draft } = await formOf(ctx, res);
        const pdf = await renderTransferPdf(form, draft);
        return ctx.reply
          .status(200)
          .header('content-type', 'application/pdf')
          .header('content-disposition', contentDisposition('attachment', 'overstapformulier.pdf'))
          .header('cache-control', 'private, no-store')
          .send(pdf);
      },
    }),
  ];
}
