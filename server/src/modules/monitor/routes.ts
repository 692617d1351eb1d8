import { defineRoute, type RouteDef } from '../../platform/http.js';
import { currentSchoolYear } from './compute.js';
import { exportFeed, importFeed } from './feed.js';
import type { InstitutionScope, MonitorScope } from './policy.js';
import { refreshRollup } from './rollup.js';
import { exportQuery, importResponse, indicatorsQuery, indicatorsResponse, refreshBody, refreshResponse } from './schema.js';
import { institutionScope, readIndicators, resolveScope } from './service.js';
import type { Level } from './indicators.js';

const TAGS = ['monitor'];
const ownInstitution = async (ctx: { actor: Parameters<typeof institutionScope>[0] }): Promise<InstitutionScope> => institutionScope(ctx.actor);

export function monitorRoutes(): RouteDef[] {
  return [
    defineRoute<unknown, { level: Level; id?: string; schoolYear?: string }, unknown, MonitorScope>({
      method: 'GET',
      url: '/api/v1/monitor/indicators',
      replica: { stalenessSeconds: 60 },
      summary: 'LOB indicators of a group, team, opleiding, institution, region or the nation (suppressed below 10 students)',
      tags: TAGS,
      action: 'monitor.indicators.read',
      query: indicatorsQuery,
      response: indicatorsResponse,
      resource: (ctx) => resolveScope(ctx.deps, ctx.actor, ctx.query.level, ctx.query.id),
      handler: (ctx, scope) => readIndicators(ctx.deps, ctx.actor, scope, ctx.query.schoolYear, ctx.locale),
    }),
    defineRoute<unknown, { level: 'nation'; schoolYear?: string }, unknown, InstitutionScope>({
      method: 'GET',
      url: '/api/v1/monitor/export',
      replica: { stalenessSeconds: 60 },
      summary: 'The institution aggregates in the national feed format (CSV, suppression applied, no person data)',
      tags: TAGS,
      action: 'monitor.export',
      query: exportQuery,
      resource: ownInstitution,
      raw: true,
      handler: async (ctx, s) => {
        const year = ctx.query.schoolYear ?? currentSchoolYear(ctx.deps);
        const feed = await exportFeed(ctx.deps, s.institutionId!, year);
        await ctx.deps.audit.record({ action: 'monitor.export', actorId: ctx.actor.userId, institutionId: s.institutionId!, subjectType: 'monitor_feed', subjectId: s.institutionId!, ip: ctx.req.ip, details: { schoolYear: year } });
        return ctx.reply
          .status(200)
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="lob-monitor-${feed.brin || 'instelling'}-${year}.csv"`)
          .header('cache-control', 'private, no-store')
          .send(feed.csv);
      },
    }),
    defineRoute<unknown, unknown, { schoolYear?: string }, InstitutionScope>({
      method: 'POST',
      url: '/api/v1/monitor/refresh',
      summary: 'Recompute the institution figures of a school year now',
      tags: TAGS,
      action: 'monitor.refresh',
      body: refreshBody,
      response: refreshResponse,
      resource: ownInstitution,
      handler: async (ctx, s) => {
        const year = ctx.body.schoolYear ?? currentSchoolYear(ctx.deps);
        const at = await refreshRollup(ctx.deps, s.institutionId!, year);
        return { schoolYear: year, refreshedAt: at.toISOString() };
      },
    }),
    defineRoute<unknown, unknown, unknown, InstitutionScope>({
      method: 'POST',
      url: '/api/v1/monitor/feeds',
      summary: 'Import a national feed of another Koers installation (CSV) → imported and rejected rows',
      tags: TAGS,
      action: 'monitor.feed.import',
      requestContentType: 'text/csv',
      response: importResponse,
      resource: ownInstitution,
      handler: (ctx, s) => importFeed(ctx.deps, ctx.actor, s.institutionId!, ctx.req.body, ctx.req.ip),
    }),
  ];
}
