import { sql } from 'kysely';
import { z } from 'zod';
import { defineRoute, type RouteContext, type RouteDef } from '../../platform/http.js';
import { conflict, registerErrorMessages } from '../../platform/errors.js';
import { addFeedback, createEntry, deleteEntry, getEntry, listEntries, markFeedbackRead, updateEntry } from './entries.js';
import { checkEvidence, contentDisposition, loadEvidenceFile, loadEvidenceMeta, readEvidenceUpload, storeEvidence } from './evidence.js';
import { collectPortfolio, recordExport, renderPdf } from './export.js';
import { addSelfAssessment, getGrowth } from './growth.js';
import { addMilestone, getJourney } from './journey.js';
import { addContact, listContacts, updateContact } from './network.js';
import { addAction, addGoal, getPlan } from './plan.js';
import { feedbackRole, type EntryResource, type OwnedResource, type PortfolioRelation } from './policy.js';
import { loadEntryResource, loadPortfolioRelation } from './relations.js';
import {
  actionBody,
  contactBody,
  createEntryBody,
  feedbackBody,
  goalBody,
  idParams,
  listEntriesQuery,
  milestoneBody,
  selfAssessmentBody,
  updateActionBody,
  updateContactBody,
  updateEntryBody,
} from './schema.js';
import { portfolioSummary } from './service.js';

registerErrorMessages({
  evidence_missing: { nl: 'Er is geen bestand meegestuurd.', en: 'No file was uploaded.' },
  evidence_empty: { nl: 'Het bestand is leeg.', en: 'The file is empty.' },
  evidence_type_not_allowed: {
    nl: 'Dit soort bestand kan niet. Kies een foto, een pdf of een kort geluidsbestand.',
    en: 'This kind of file is not allowed. Choose a photo, a PDF or a short audio file.',
  },
  evidence_content_mismatch: {
    nl: 'Dit bestand is niet wat de naam zegt. Het is niet opgeslagen.',
    en: 'This file is not what its name says. It was not stored.',
  },
  evidence_too_large: { nl: 'Dit bestand is te groot.', en: 'This file is too large.' },
  evidence_limit: { nl: 'Er zitten al genoeg bestanden bij deze ervaring.', en: 'This entry already has the maximum number of files.' },
  plan_conversation_locked: {
    nl: 'Afspraken uit een gesprek kun je niet weggooien. Zet ze op klaar als je ze gedaan hebt.',
    en: 'Agreements from a conversation cannot be removed. Mark them done when you have done them.',
  },
});

const studentParams = idParams;
const TAGS = ['portfolio'];

const studentRelation = (ctx: RouteContext<{ id: string }, any, any>) => loadPortfolioRelation(ctx.deps, ctx.actor, ctx.params.id);
const entryResource = (ctx: RouteContext<{ id: string }, any, any>) => loadEntryResource(ctx.deps, ctx.actor, ctx.params.id);

/** A row of one of the student's own tables, for 'portfolio.own.write'. */
function owned(table: 'portfolio_goals' | 'portfolio_actions' | 'portfolio_contacts' | 'portfolio_milestones') {
  return async (ctx: RouteContext<{ id: string }, any, any>): Promise<OwnedResource | null> => {
    const r = await sql<{ student_id: string }>`select student_id from ${sql.table(table)} where id = ${ctx.params.id}`.execute(ctx.deps.db);
    return r.rows[0] ? { studentId: r.rows[0].student_id, private: true } : null;
  };
}

/** A plain removal of something the student owns (a contact, a milestone). */
function removeOwned(url: string, summary: string, table: 'portfolio_contacts' | 'portfolio_milestones') {
  return defineRoute<{ id: string }, unknown, unknown, OwnedResource>({
    method: 'DELETE',
    url,
    summary,
    tags: TAGS,
    action: 'portfolio.own.write',
    params: idParams,
    resource: owned(table),
    status: 204,
    handler: async (ctx) => {
      await ctx.deps.db.deleteFrom(table).where('id', '=', ctx.params.id).execute();
    },
  });
}

/** Evidence is decided on by its entry: whoever may read the entry may read its files. */
async function evidenceResource(ctx: RouteContext<{ id: string }, any, any>): Promise<(EntryResource & { evidenceId: string }) | null> {
  const meta = await loadEvidenceMeta(ctx.deps, ctx.params.id);
  if (!meta) return null;
  const entry = await loadEntryResource(ctx.deps, ctx.actor, meta.entry_id);
  return entry ? { ...entry, evidenceId: meta.id } : null;
}

export function portfolioRoutes(): RouteDef[] {
  return [...entryRoutes(), ...evidenceRoutes(), ...growthRoutes(), ...planRoutes(), ...networkRoutes(), ...journeyRoutes(), ...exportRoutes()];
}

function entryRoutes(): RouteDef[] {
  return [
    defineRoute<{ id: string }, z.infer<typeof listEntriesQuery>, unknown, PortfolioRelation>({
      method: 'GET',
      url: '/api/v1/students/:id/portfolio/entries',
      summary: 'The portfolio entries of a student this reader may see (private entries only to the student)',
      tags: TAGS,
      action: 'portfolio.entries.list',
      auditRead: 'portfolio.entries.list',
      params: studentParams,
      query: listEntriesQuery,
      resource: studentRelation,
      handler: (ctx, rel) => listEntries(ctx.deps, rel, ctx.query),
    }),
    defineRoute<{ id: string }, unknown, unknown, EntryResource>({
      method: 'GET',
      url: '/api/v1/portfolio/entries/:id',
      summary: 'One entry with its evidence and feedback thread',
      tags: TAGS,
      action: 'portfolio.entry.read',
      auditRead: 'portfolio.entry.read',
      params: idParams,
      resource: entryResource,
      handler: async (ctx, r) => ({
        ...(await getEntry(ctx.deps, r.entry.id, r.rel.self)),
        canEdit: r.rel.self,
        canGiveFeedback: feedbackRole(r.rel, r.entry) !== null,
      }),
    }),
    defineRoute<unknown, unknown, z.infer<typeof createEntryBody>>({
      method: 'POST',
      url: '/api/v1/portfolio/entries',
      summary: 'The signed-in student adds an entry (private unless sharing names readers)',
      tags: TAGS,
      action: 'portfolio.entry.create',
      body: createEntryBody,
      status: 201,
      handler: (ctx) => createEntry(ctx.deps, ctx.actor, ctx.body, ctx.req.ip),
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof updateEntryBody>, EntryResource>({
      method: 'PATCH',
      url: '/api/v1/portfolio/entries/:id',
      summary: 'The owner changes an entry; a new sharing choice takes effect at once and is audited',
      tags: TAGS,
      action: 'portfolio.entry.write',
      params: idParams,
      body: updateEntryBody,
      resource: entryResource,
      handler: (ctx, r) => updateEntry(ctx.deps, ctx.actor, r.entry.id, ctx.body, ctx.req.ip),
    }),
    defineRoute<{ id: string }, unknown, unknown, EntryResource>({
      method: 'DELETE',
      url: '/api/v1/portfolio/entries/:id',
      summary: 'The owner removes an entry with its evidence and feedback',
      tags: TAGS,
      action: 'portfolio.entry.write',
      params: idParams,
      resource: entryResource,
      status: 204,
      handler: async (ctx, r) => {
        await deleteEntry(ctx.deps, ctx.actor, r.entry.id, ctx.req.ip);
      },
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof feedbackBody>, EntryResource>({
      method: 'POST',
      url: '/api/v1/portfolio/entries/:id/feedback',
      summary: 'A permitted reader (mentor, praktijkopleider, parent) responds to an entry; the student replies',
      tags: TAGS,
      action: 'portfolio.feedback.create',
      params: idParams,
      body: feedbackBody,
      resource: entryResource,
      status: 201,
      handler: (ctx, r) => addFeedback(ctx.deps, ctx.actor, r.entry.id, feedbackRole(r.rel, r.entry)!, ctx.body.body),
    }),
    defineRoute<{ id: string }, unknown, unknown, EntryResource>({
      method: 'POST',
      url: '/api/v1/portfolio/entries/:id/feedback/read',
      summary: 'The student has read the feedback on an entry',
      tags: TAGS,
      action: 'portfolio.entry.write',
      params: idParams,
      resource: entryResource,
      status: 204,
      handler: async (ctx, r) => {
        await markFeedbackRead(ctx.deps, r.entry.id);
      },
    }),
    defineRoute<{ id: string }, unknown, unknown, PortfolioRelation>({
      method: 'GET',
      url: '/api/v1/students/:id/portfolio/summary',
      summary: "The student's own LOBbook at a glance: overdue actions and new feedback",
      tags: TAGS,
      action: 'portfolio.own.read',
      params: studentParams,
      resource: studentRelation,
      handler: (ctx, rel) => portfolioSummary(ctx.deps, rel.studentId),
    }),
  ];
}

function evidenceRoutes(): RouteDef[] {
  return [
    defineRoute<{ id: string }, unknown, unknown, EntryResource>({
      method: 'POST',
      url: '/api/v1/portfolio/entries/:id/evidence',
      summary: 'The owner attaches a photo, PDF or short audio file (multipart field "file"); the content decides the type',
      tags: TAGS,
      action: 'portfolio.entry.write',
      params: idParams,
      resource: entryResource,
      status: 201,
      handler: async (ctx, r) => {
        const upload = await readEvidenceUpload(ctx.req);
        const file = checkEvidence(upload.filename, upload.content);
        return storeEvidence(ctx.deps, r.entry.id, r.studentId, file);
      },
    }),
    defineRoute<{ id: string }, unknown, unknown, EntryResource & { evidenceId: string }>({
      method: 'GET',
      url: '/api/v1/portfolio/evidence/:id',
      summary: 'An evidence file, for readers of its entry only',
      tags: TAGS,
      action: 'portfolio.entry.read',
      auditRead: 'portfolio.evidence.read',
      params: idParams,
      resource: evidenceResource,
      raw: true,
      handler: async (ctx, r) => {
        const file = await loadEvidenceFile(ctx.deps, r.evidenceId);
        // Images show inline in the page; everything else downloads. Never sniffed, never cached.
        const inline = file.mediaType.startsWith('image/') || ctx.req.query && (ctx.req.query as any).inline === '1';
        return ctx.reply
          .status(200)
          .header('content-type', file.mediaType)
          .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', file.filename))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .send(file.content);
      },
    }),
    defineRoute<{ id: string }, unknown, unknown, EntryResource & { evidenceId: string }>({
      method: 'DELETE',
      url: '/api/v1/portfolio/evidence/:id',
      summary: 'The owner removes an evidence file',
      tags: TAGS,
      action: 'portfolio.entry.write',
      params: idParams,
      resource: evidenceResource,
      status: 204,
      handler: async (ctx, r) => {
        await ctx.deps.db.deleteFrom('portfolio_evidence').where('id', '=', r.evidenceId).execute();
      },
    }),
  ];
}

function growthRoutes(): RouteDef[] {
  return [
    defineRoute<unknown, unknown, z.infer<typeof selfAssessmentBody>>({
      method: 'POST',
      url: '/api/v1/portfolio/self-assessments',
      summary: 'The student rates the five career competencies, each 1-5',
      tags: TAGS,
      action: 'portfolio.self_assessment.create',
      body: selfAssessmentBody,
      status: 201,
      handler: (ctx) => addSelfAssessment(ctx.deps, ctx.actor, ctx.body.scores),
    }),
    defineRoute<{ id: string }, unknown, unknown, PortfolioRelation>({
      method: 'GET',
      url: '/api/v1/students/:id/portfolio/growth',
      summary: 'Self-assessments over time per competence, and entries per competence this reader may see',
      tags: TAGS,
      action: 'portfolio.growth.read',
      auditRead: 'portfolio.growth.read',
      params: studentParams,
      resource: studentRelation,
      handler: (ctx, rel) => getGrowth(ctx.deps, rel),
    }),
  ];
}

function planRoutes(): RouteDef[] {
  return [
    defineRoute<{ id: string }, unknown, unknown, PortfolioRelation>({
      method: 'GET',
      url: '/api/v1/students/:id/portfolio/plan',
      summary: "A student's career plan: goals with actions",
      tags: TAGS,
      action: 'portfolio.plan.read',
      auditRead: 'portfolio.plan.read',
      params: studentParams,
      resource: studentRelation,
      handler: (ctx, rel) => getPlan(ctx.deps, rel.studentId),
    }),
    defineRoute<unknown, unknown, z.infer<typeof goalBody>>({
      method: 'POST',
      url: '/api/v1/portfolio/goals',
      summary: 'The student adds a goal to the career plan',
      tags: TAGS,
      action: 'portfolio.own.create',
      body: goalBody,
      status: 201,
      handler: async (ctx) => ({ ...(await addGoal(ctx.deps, ctx.actor.userId, ctx.body.title)), actions: [] }),
    }),
    defineRoute<{ id: string }, unknown, unknown, OwnedResource>({
      method: 'DELETE',
      url: '/api/v1/portfolio/goals/:id',
      summary: 'The student removes a goal with its actions',
      tags: TAGS,
      action: 'portfolio.own.write',
      params: idParams,
      resource: owned('portfolio_goals'),
      status: 204,
      handler: async (ctx) => {
        const goal = await ctx.deps.db.selectFrom('portfolio_goals').select('kind').where('id', '=', ctx.params.id).executeTakeFirstOrThrow();
        if (goal.kind === 'conversations') throw conflict('plan_conversation_locked');
        await ctx.deps.db.deleteFrom('portfolio_goals').where('id', '=', ctx.params.id).execute();
      },
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof actionBody>, OwnedResource>({
      method: 'POST',
      url: '/api/v1/portfolio/goals/:id/actions',
      summary: 'The student adds a concrete action (with a due date) to a goal',
      tags: TAGS,
      action: 'portfolio.own.write',
      params: idParams,
      body: actionBody,
      resource: owned('portfolio_goals'),
      status: 201,
      handler: async (ctx, r) => {
        const a = await addAction(ctx.deps.db, { goalId: ctx.params.id, studentId: r.studentId, description: ctx.body.description, dueOn: ctx.body.dueOn ?? null, at: ctx.deps.clock.now() });
        return { id: a.id, goalId: a.goal_id, description: a.description, dueOn: a.due_on, status: a.status, conversationId: a.conversation_id };
      },
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof updateActionBody>, OwnedResource>({
      method: 'PATCH',
      url: '/api/v1/portfolio/actions/:id',
      summary: 'The student changes an action or marks it done',
      tags: TAGS,
      action: 'portfolio.own.write',
      params: idParams,
      body: updateActionBody,
      resource: owned('portfolio_actions'),
      handler: async (ctx) => {
        const b = ctx.body;
        const a = await ctx.deps.db
          .updateTable('portfolio_actions')
          .set({
            ...(b.description !== undefined ? { description: b.description } : {}),
            ...(b.dueOn !== undefined ? { due_on: b.dueOn } : {}),
            ...(b.status ? { status: b.status, done_at: b.status === 'done' ? ctx.deps.clock.now() : null } : {}),
          })
          .where('id', '=', ctx.params.id)
          .returning(['id', 'goal_id', 'description', 'due_on', 'status', 'conversation_id'])
          .executeTakeFirstOrThrow();
        return { id: a.id, goalId: a.goal_id, description: a.description, dueOn: a.due_on, status: a.status, conversationId: a.conversation_id };
      },
    }),
    defineRoute<{ id: string }, unknown, unknown, OwnedResource>({
      method: 'DELETE',
      url: '/api/v1/portfolio/actions/:id',
      summary: 'The student removes an own action (agreements from conversations stay)',
      tags: TAGS,
      action: 'portfolio.own.write',
      params: idParams,
      resource: owned('portfolio_actions'),
      status: 204,
      handler: async (ctx) => {
        const a = await ctx.deps.db
          .selectFrom('portfolio_actions as a')
          .innerJoin('portfolio_goals as g', 'g.id', 'a.goal_id')
          .select(['a.conversation_id', 'g.kind'])
          .where('a.id', '=', ctx.params.id)
          .executeTakeFirstOrThrow();
        // Agreements are part of the guidance record: the student marks them done, not away.
        if (a.conversation_id || a.kind === 'conversations') throw conflict('plan_conversation_locked');
        await ctx.deps.db.deleteFrom('portfolio_actions').where('id', '=', ctx.params.id).execute();
      },
    }),
  ];
}

function networkRoutes(): RouteDef[] {
  return [
    defineRoute<{ id: string }, unknown, unknown, PortfolioRelation>({
      method: 'GET',
      url: '/api/v1/students/:id/portfolio/network',
      summary: "The student's own network: people who can help",
      tags: TAGS,
      action: 'portfolio.own.read',
      params: studentParams,
      resource: studentRelation,
      handler: async (ctx, rel) => ({ items: await listContacts(ctx.deps, rel.studentId), nextCursor: null }),
    }),
    defineRoute<unknown, unknown, z.infer<typeof contactBody>>({
      method: 'POST',
      url: '/api/v1/portfolio/contacts',
      summary: 'The student adds a person who can help',
      tags: TAGS,
      action: 'portfolio.own.create',
      body: contactBody,
      status: 201,
      handler: (ctx) => addContact(ctx.deps, ctx.actor.userId, ctx.body),
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof updateContactBody>, OwnedResource>({
      method: 'PATCH',
      url: '/api/v1/portfolio/contacts/:id',
      summary: 'The student updates a contact (step, last contact)',
      tags: TAGS,
      action: 'portfolio.own.write',
      params: idParams,
      body: updateContactBody,
      resource: owned('portfolio_contacts'),
      handler: (ctx) => updateContact(ctx.deps, ctx.params.id, ctx.body),
    }),
    removeOwned('/api/v1/portfolio/contacts/:id', 'The student removes a contact', 'portfolio_contacts'),
  ];
}

function journeyRoutes(): RouteDef[] {
  return [
    defineRoute<{ id: string }, unknown, unknown, PortfolioRelation>({
      method: 'GET',
      url: '/api/v1/students/:id/portfolio/journey',
      summary: "The student's career journey: milestones, choices, internships and entries on one timeline",
      tags: TAGS,
      action: 'portfolio.own.read',
      params: studentParams,
      resource: studentRelation,
      handler: (ctx, rel) => getJourney(ctx.deps, rel.studentId),
    }),
    defineRoute<unknown, unknown, z.infer<typeof milestoneBody>>({
      method: 'POST',
      url: '/api/v1/portfolio/milestones',
      summary: 'The student adds a milestone or choice to the journey',
      tags: TAGS,
      action: 'portfolio.own.create',
      body: milestoneBody,
      status: 201,
      handler: async (ctx) => {
        const m = await addMilestone(ctx.deps, ctx.actor.userId, ctx.body);
        return { id: m.id, kind: m.kind, title: m.title, occurredOn: m.occurred_on, note: m.note };
      },
    }),
    removeOwned('/api/v1/portfolio/milestones/:id', 'The student removes a milestone', 'portfolio_milestones'),
  ];
}

function exportRoutes(): RouteDef[] {
  return [
    defineRoute<{ id: string }, unknown, unknown, PortfolioRelation>({
      method: 'GET',
      url: '/api/v1/students/:id/portfolio/export.json',
      replica: { stalenessSeconds: 30 },
      summary: 'The student downloads the whole LOBbook as JSON (audited)',
      tags: TAGS,
      action: 'portfolio.own.read',
      params: studentParams,
      resource: studentRelation,
      raw: true,
      handler: async (ctx, rel) => {
        const data = await collectPortfolio(ctx.deps, rel);
        await recordExport(ctx.deps, ctx.actor, rel.studentId, 'json', data.entries.length, ctx.req.ip);
        return ctx.reply
          .status(200)
          .header('content-type', 'application/json; charset=utf-8')
          .header('content-disposition', contentDisposition('attachment', 'lobbook.json'))
          .header('cache-control', 'private, no-store')
          .send(JSON.stringify(data, null, 2));
      },
    }),
    defineRoute<{ id: string }, unknown, unknown, PortfolioRelation>({
      method: 'GET',
      url: '/api/v1/students/:id/portfolio/export.pdf',
      replica: { stalenessSeconds: 30 },
      summary: 'The student downloads the whole LOBbook as a readable PDF (audited)',
      tags: TAGS,
      action: 'portfolio.own.read',
      params: studentParams,
      resource: studentRelation,
      raw: true,
      handler: async (ctx, rel) => {
        const data = await collectPortfolio(ctx.deps, rel);
        const pdf = await renderPdf(data);
        await recordExport(ctx.deps, ctx.actor, rel.studentId, 'pdf', data.entries.length, ctx.req.ip);
        return ctx.reply
          .status(200)
          .header('content-type', 'application/pdf')
          .header('content-disposition', contentDisposition('attachment', 'lobbook.pdf'))
          .header('cache-control', 'private, no-store')
          .send(pdf);
      },
    }),
  ];
}

