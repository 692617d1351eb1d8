import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { registeredRoutes, registerRoutes, defineRoute } from '../src/platform/http.js';
import { isDefinedAction, PUBLIC, SIGNED_IN } from '../src/platform/policy.js';
import { signIn, startTestApp, userIdByEmail, type TestApp } from './helpers.js';

/**
 * The policy matrix: every route of the API, each demo role with its relation to Sanne
 * (self, another student, her mentor, a docent in her team, the coordinator, the manager of
 * her team, the admin, her parent, her praktijkopleider, nobody signed in) and what they may do.
 * A route that appears in neither table below fails this test, so no route ships without a
 * decided policy.
 */
type Actor = 'student' | 'student2' | 'mentor' | 'docent' | 'coordinator' | 'manager' | 'admin' | 'ouder' | 'praktijk' | 'rmc' | 'decaan' | 'leerling' | 'ouder2' | 'intake';
// decaan, leerling (Daan) and ouder2 belong to De Brug, a vmbo school; intake is the ROC's intake officer.
const ACTORS: Actor[] = ['student', 'student2', 'mentor', 'docent', 'coordinator', 'manager', 'admin', 'ouder', 'praktijk', 'rmc', 'decaan', 'leerling', 'ouder2', 'intake'];
const EVERYONE = ACTORS;
const INSTITUTION_READERS: Actor[] = ['admin', 'coordinator', 'manager'];

/** Read routes, called for real by every actor: who gets an answer (2xx); all others 401/403/404. */
const READ_MATRIX: Record<string, Actor[]> = {
  // LOB programme and Loopbaanmagazijn
  'GET /api/v1/students/:sanne/lob-status': ['student', 'mentor', 'coordinator', 'manager', 'admin', 'ouder'],
  // Daan (leerling) is a student too, of De Brug: he gets the lists of his own school (tested empty in transition.test.ts)
  'GET /api/v1/lob/activities': ['student', 'student2', 'mentor', 'docent', 'coordinator', 'manager', 'admin', 'leerling'],
  'GET /api/v1/lob/programmes': ['mentor', 'docent', 'coordinator', 'manager', 'admin'],
  'GET /api/v1/lob/result-groups': ['mentor', 'docent', 'coordinator', 'manager', 'admin'],
  'GET /api/v1/lob/target-groups': ['mentor', 'docent', 'coordinator', 'manager', 'admin'],
  'GET /api/v1/lob/results?groupId=:group': ['mentor', 'coordinator', 'manager', 'admin'],
  'GET /api/v1/lob/results.csv?groupId=:group': ['mentor', 'coordinator', 'manager', 'admin'],
  'GET /api/v1/lob/results.pdf?groupId=:group': ['mentor', 'coordinator', 'manager', 'admin'],
  'GET /api/v1/library/exercises': ['mentor', 'docent', 'coordinator', 'manager', 'admin'],
  'GET /api/v1/library/groups': ['mentor', 'docent', 'coordinator', 'manager', 'admin'],
  'GET /api/v1/library/assignments': ['mentor', 'docent', 'coordinator', 'manager', 'admin'],
  'GET /api/v1/me/assignments': ['student', 'student2', 'leerling'],
  'GET /api/v1/me': EVERYONE,
  'GET /api/v1/me/students': EVERYONE,
  'GET /api/v1/me/parents': ['student', 'student2', 'leerling'],
  'GET /api/v1/me/data-export': EVERYONE,
  'GET /api/v1/admin/people/:sanne/data-export': ['admin'],
  'GET /api/v1/auth/mfa': EVERYONE,
  'GET /api/v1/audit?studentId=:sanne': ['student', 'mentor', 'admin'],
  'GET /api/v1/students/:sanne': ['student', 'mentor', 'coordinator', 'manager', 'admin', 'ouder', 'praktijk'],
  'GET /api/v1/students/:sanne/portfolio/entries': ['student', 'mentor', 'ouder', 'praktijk'],
  'GET /api/v1/portfolio/entries/:mentorEntry': ['student', 'mentor'],
  'GET /api/v1/students/:sanne/portfolio/growth': ['student', 'mentor'],
  'GET /api/v1/students/:sanne/portfolio/plan': ['student', 'mentor'],
  'GET /api/v1/students/:sanne/portfolio/summary': ['student'],
  'GET /api/v1/students/:sanne/portfolio/network': ['student'],
  'GET /api/v1/students/:sanne/portfolio/journey': ['student'],
  'GET /api/v1/students/:sanne/portfolio/export.json': ['student'],
  'GET /api/v1/students/:sanne/portfolio/export.pdf': ['student'],
  'GET /api/v1/admin/oidc-providers': ['admin'],
  'GET /api/v1/admin/institutions/:institution': INSTITUTION_READERS,
  'GET /api/v1/admin/institutions/:institution/locations': INSTITUTION_READERS,
  'GET /api/v1/admin/institutions/:institution/teams': INSTITUTION_READERS,
  'GET /api/v1/admin/institutions/:institution/programmes': INSTITUTION_READERS,
  'GET /api/v1/admin/institutions/:institution/cohorts': INSTITUTION_READERS,
  'GET /api/v1/admin/institutions/:institution/groups': INSTITUTION_READERS,
  'GET /api/v1/admin/institutions/:institution/groups/:group': INSTITUTION_READERS,
  'GET /api/v1/admin/institutions/:institution/users': ['admin'],
  'GET /api/v1/admin/institutions/:institution/users/:sanne': ['admin'],
  'GET /api/v1/admin/institutions/:institution/internships': ['admin'],
  // guidance (begeleiding): caseload, conversations, agenda, attendance, feed, messages, notifications
  'GET /api/v1/mentor/caseload': ['mentor'],
  'GET /api/v1/students/:sanne/conversations': ['student', 'mentor', 'ouder'],
  'GET /api/v1/students/:sanne/coaches': ['student', 'mentor', 'coordinator', 'manager', 'ouder'],
  'GET /api/v1/students/:sanne/agenda': ['student', 'mentor', 'ouder'],
  'GET /api/v1/students/:sanne/attendance': ['student', 'mentor', 'ouder'],
  'GET /api/v1/groups/:group/feed': ['student', 'mentor', 'docent'],
  'GET /api/v1/groups/:group/attendance/sessions': ['mentor', 'docent'],
  'GET /api/v1/messages/with/:sanne': ['mentor', 'ouder', 'praktijk'],
  'GET /api/v1/agenda': EVERYONE,
  'GET /api/v1/me/groups': EVERYONE,
  'GET /api/v1/messages': EVERYONE,
  'GET /api/v1/messages/contacts': EVERYONE,
  'GET /api/v1/notifications': EVERYONE,
  'GET /api/v1/notifications/unread': EVERYONE,
  'GET /api/v1/notifications/preferences': EVERYONE,
  'GET /api/v1/calendar/token': EVERYONE,
  'GET /api/v1/appointments/invitees': ['mentor', 'docent', 'coordinator'],
  // Verkennen (explore): what a student explored, suggestions, alumni and buddies
  'GET /api/v1/students/:sanne/exploration': ['student', 'mentor'],
  'GET /api/v1/me/explore/suggestions': ['student', 'student2', 'leerling'],
  // explore's ALUMNI_READERS: students (Daan too) and the decaan
  'GET /api/v1/explore/alumni': ['student', 'student2', 'mentor', 'docent', 'coordinator', 'leerling', 'decaan'],
  'GET /api/v1/me/alumnus': [],
  'GET /api/v1/me/buddy': ['student', 'student2', 'leerling'],
  // quality (kwaliteit): questionnaires, scans and the Kwaliteitskaart
  'GET /api/v1/questionnaires': INSTITUTION_READERS,
  'GET /api/v1/me/questionnaires': EVERYONE,
  'GET /api/v1/quality/templates': INSTITUTION_READERS,
  'GET /api/v1/quality/choices': INSTITUTION_READERS,
  'GET /api/v1/quality/actions': ['mentor', 'docent', 'coordinator', 'manager', 'admin'],
  'GET /api/v1/quality/timeline': ['mentor', 'docent', 'coordinator', 'manager', 'admin'],
  // overstap (transition): Daan's unsent form to the ROC; the ROC sees it only once sent
  'GET /api/v1/institutions?q=brug': EVERYONE,
  'GET /api/v1/institutions/:institution/programmes': EVERYONE,
  'GET /api/v1/transfers?direction=outgoing': EVERYONE,
  'GET /api/v1/transfers?direction=incoming': EVERYONE,
  'GET /api/v1/transfers/:daanTransfer': ['decaan', 'leerling', 'ouder2'],
  'GET /api/v1/transfers/:daanTransfer/export.json': ['decaan', 'leerling', 'ouder2'],
  'GET /api/v1/transfers/:daanTransfer/export.pdf': ['decaan', 'leerling', 'ouder2'],
  'GET /api/v1/transitions/handover': ['coordinator', 'manager', 'admin', 'decaan'],
  // region (sluitende aanpak): regional roles only, on their legal basis; the young person their own record
  'GET /api/v1/region/youth?status=without_place': ['rmc'],
  'GET /api/v1/region/youth/:youth': ['rmc'],
  'GET /api/v1/region/youth/:youth/owner-candidates': ['rmc'],
  'GET /api/v1/region/legal-bases': ['rmc'],
  'GET /api/v1/region/signals': [],
  'GET /api/v1/me/region': EVERYONE,
  'GET /api/v1/region/meetings': EVERYONE,
  'GET /api/v1/region/dropout': ['rmc'],
  'GET /api/v1/region/dropout.csv': ['rmc'],
  'GET /api/v1/region/services': EVERYONE,
  'GET /api/v1/region/feedback': ['coordinator', 'manager', 'admin', 'decaan'],
  // monitor: LOB indicators for the people who steer; the national feed for coordinator and admin
  'GET /api/v1/monitor/indicators?level=nation': ['coordinator', 'manager', 'admin'],
  'GET /api/v1/monitor/indicators?level=institution': ['coordinator', 'manager', 'admin'],
  'GET /api/v1/monitor/indicators?level=team': ['manager'],
  'GET /api/v1/monitor/export?level=nation': ['coordinator', 'admin'],
};

/**
 * Routes whose refusals need a body or a prepared resource; the named test file exercises who
 * may and who may not, and must mention the route.
 */
const TESTED_ELSEWHERE: Record<string, string> = {
  'GET /api/v1/lob/activities/:id': 'server/src/modules/programme/programme.test.ts',
  'GET /api/v1/lob/activities/:id/participants': 'server/src/modules/programme/programme.test.ts',
  'GET /api/v1/lob/programme-versions/:id': 'server/src/modules/programme/programme.test.ts',
  'POST /api/v1/students/:id/lob-status/overrides': 'server/src/modules/programme/programme.test.ts',
  'DELETE /api/v1/students/:id/lob-status/overrides/:overrideId': 'server/src/modules/programme/programme.test.ts',
  'GET /api/v1/students/:id/lob-status/records/:entryId': 'server/src/modules/programme/programme.test.ts',
  'GET /api/v1/lob/target-groups/:id/members': 'server/src/modules/programme/programme.test.ts',
  'PUT /api/v1/students/:id/coaches/:userId': 'server/src/modules/guidance/coaches.test.ts',
  'GET /api/v1/appointments/:id/proposals': 'server/src/modules/guidance/move.test.ts',
  'POST /api/v1/appointments/:id/proposals': 'server/src/modules/guidance/move.test.ts',
  'POST /api/v1/appointments/:id/proposals/:proposalId/decision': 'server/src/modules/guidance/move.test.ts',
  'DELETE /api/v1/students/:id/coaches/:userId': 'server/src/modules/guidance/coaches.test.ts',
  'GET /api/v1/library/exercises/:id': 'server/src/modules/library/library.test.ts',
  'GET /api/v1/library/assignments/:id': 'server/src/modules/library/library.test.ts',
  'GET /api/v1/library/attachments/:id': 'server/src/modules/library/library.test.ts',
  'POST /api/v1/auth/login': 'server/src/modules/identity/login.test.ts',
  'POST /api/v1/auth/logout': 'server/src/modules/identity/login.test.ts',
  'GET /api/v1/auth/oidc/providers': 'server/src/modules/identity/oidc.test.ts',
  'GET /api/v1/auth/oidc/:providerId/start': 'server/src/modules/identity/oidc.test.ts',
  'GET /api/v1/auth/oidc/callback': 'server/src/modules/identity/oidc.test.ts',
  'POST /api/v1/admin/oidc-providers': 'server/src/modules/identity/oidc.test.ts',
  'PATCH /api/v1/admin/oidc-providers/:id': 'server/src/modules/identity/oidc.test.ts',
  'DELETE /api/v1/admin/oidc-providers/:id': 'server/src/modules/identity/oidc.test.ts',
  'POST /api/v1/admin/users/:userId/identities': 'server/src/modules/identity/oidc.test.ts',
  'DELETE /api/v1/admin/users/:userId/identities': 'server/src/modules/identity/oidc.test.ts',
  'POST /api/v1/auth/mfa/enrol': 'server/src/modules/identity/mfa.test.ts',
  'POST /api/v1/auth/mfa/confirm': 'server/src/modules/identity/mfa.test.ts',
  'POST /api/v1/auth/mfa/verify': 'server/src/modules/identity/mfa.test.ts',
  'POST /api/v1/auth/mfa/disable': 'server/src/modules/identity/mfa.test.ts',
  'POST /api/v1/auth/password': 'server/src/modules/identity/password.test.ts',
  'POST /api/v1/auth/password-reset/request': 'server/src/modules/identity/password.test.ts',
  'POST /api/v1/auth/password-reset/complete': 'server/src/modules/identity/password.test.ts',
  'POST /api/v1/invitations': 'server/src/modules/identity/invitations.test.ts',
  'GET /api/v1/invitations/:token': 'server/src/modules/identity/invitations.test.ts',
  'POST /api/v1/invitations/:token/accept': 'server/src/modules/identity/invitations.test.ts',
  'POST /api/v1/admin/roster/import': 'server/src/modules/roster/roster.test.ts',
  'GET /api/v1/portfolio/evidence/:id': 'server/src/modules/portfolio/portfolio.test.ts',
  'PATCH /api/v1/me/parents/:parentId': 'server/src/modules/org/org.test.ts',
  'GET /api/v1/conversations/:id': 'server/src/modules/guidance/guidance.test.ts',
  'GET /api/v1/attendance/sessions/:id': 'server/src/modules/guidance/guidance.test.ts',
  'GET /api/v1/calendar/:file': 'server/src/modules/guidance/guidance.test.ts',
  'GET /api/v1/feed/attachments/:id': 'server/src/modules/guidance/guidance.test.ts',
  'POST /api/v1/admin/people/:id/erase': 'server/src/modules/privacy/privacy.test.ts',
  'GET /api/v1/region/meetings/:id': 'server/src/modules/region/region.test.ts',
  'GET /api/v1/region/services/:id': 'server/src/modules/region/region.test.ts',
  'GET /api/v1/questionnaires/:id': 'server/src/modules/quality/quality.test.ts',
  'GET /api/v1/questionnaires/:id/crosstab': 'server/src/modules/quality/quality.test.ts',
  'GET /api/v1/questionnaires/:id/report': 'server/src/modules/quality/quality.test.ts',
  'GET /api/v1/questionnaires/:id/compare': 'server/src/modules/quality/quality.test.ts',
  'GET /api/v1/questionnaires/:id/profile': 'server/src/modules/quality/quality.test.ts',
  'GET /api/v1/questionnaires/:id/responses.csv': 'server/src/modules/quality/quality.test.ts',
  'GET /api/v1/questionnaires/:id/codebook.csv': 'server/src/modules/quality/quality.test.ts',
  'GET /api/v1/questionnaires/:id/form': 'server/src/modules/quality/quality.test.ts',
  'POST /api/v1/transfers': 'server/src/modules/transition/transition.test.ts',
  // Verkennen: public routes answer without a session (explore.test.ts calls them anonymously)
  'GET /api/v1/public/programmes': 'server/src/modules/explore/explore.test.ts',
  'GET /api/v1/public/programmes/:id': 'server/src/modules/explore/explore.test.ts',
  'GET /api/v1/public/occupations': 'server/src/modules/explore/explore.test.ts',
  'GET /api/v1/public/occupations/:id': 'server/src/modules/explore/explore.test.ts',
  'GET /api/v1/public/regions': 'server/src/modules/explore/explore.test.ts',
  'GET /api/v1/public/activities': 'server/src/modules/explore/explore.test.ts',
  'GET /api/v1/explore/entries/:entryId/link': 'server/src/modules/explore/explore.test.ts',
  'GET /api/v1/explore/activities/:id/public-signups': 'server/src/modules/explore/explore.test.ts',
  'PUT /api/v1/me/alumnus': 'server/src/modules/explore/explore.test.ts',
  'DELETE /api/v1/me/alumnus': 'server/src/modules/explore/explore.test.ts',
  'POST /api/v1/me/buddy': 'server/src/modules/explore/explore.test.ts',
  'DELETE /api/v1/me/buddy': 'server/src/modules/explore/explore.test.ts',
};

/** Write routes of a module whose test file covers owner-only and refused writes route by route. */
const MODULE_WRITE_TESTS: { prefix: string; file: string }[] = [
  { prefix: '/api/v1/lob/', file: 'server/src/modules/programme/programme.test.ts' },
  { prefix: '/api/v1/library/', file: 'server/src/modules/library/library.test.ts' },
  { prefix: '/api/v1/portfolio/', file: 'server/src/modules/portfolio/portfolio.test.ts' },
  { prefix: '/api/v1/admin/institutions/', file: 'server/src/modules/admin/admin.test.ts' },
  { prefix: '/api/v1/conversations', file: 'server/src/modules/guidance/guidance.test.ts' },
  { prefix: '/api/v1/appointments', file: 'server/src/modules/guidance/guidance.test.ts' },
  { prefix: '/api/v1/calendar/', file: 'server/src/modules/guidance/guidance.test.ts' },
  { prefix: '/api/v1/groups/:id/', file: 'server/src/modules/guidance/guidance.test.ts' },
  { prefix: '/api/v1/feed/', file: 'server/src/modules/guidance/guidance.test.ts' },
  { prefix: '/api/v1/messages/', file: 'server/src/modules/guidance/guidance.test.ts' },
  { prefix: '/api/v1/attendance/', file: 'server/src/modules/guidance/guidance.test.ts' },
  { prefix: '/api/v1/notifications/', file: 'server/src/modules/guidance/guidance.test.ts' },
  { prefix: '/api/v1/questionnaires', file: 'server/src/modules/quality/quality.test.ts' },
  { prefix: '/api/v1/quality/', file: 'server/src/modules/quality/quality.test.ts' },
  { prefix: '/api/v1/transfers/', file: 'server/src/modules/transition/transition.test.ts' },
  { prefix: '/api/v1/explore/', file: 'server/src/modules/explore/explore.test.ts' },
  { prefix: '/api/v1/public/', file: 'server/src/modules/explore/explore.test.ts' },
  { prefix: '/api/v1/region/', file: 'server/src/modules/region/region.test.ts' },
  { prefix: '/api/v1/monitor/', file: 'server/src/modules/monitor/monitor.test.ts' },
];

const routeKey = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
const ROOT = path.resolve(import.meta.dirname, '../..');

describe('policy matrix', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const clients: Partial<Record<Actor, Awaited<ReturnType<typeof signIn>>>> = {};

  beforeAll(async () => {
    t = await startTestApp('pglite');
    ids.sanne = await userIdByEmail(t, 'student@demo.koers.nl');
    ids.institution = (await t.deps.db.selectFrom('institutions').select('id').executeTakeFirstOrThrow()).id;
    ids.group = (await t.deps.db.selectFrom('groups').select('id').where('code', '=', 'ZW2A').executeTakeFirstOrThrow()).id;
    // A published entry of Sanne's that she shared with her mentor only.
    const entry = await sql<{ id: string }>`select id from portfolio_entries where student_id = ${ids.sanne}
      and status = 'published' and sharing = array['mentor']::text[] limit 1`.execute(t.deps.db);
    ids.mentorEntry = entry.rows[0]?.id;
    const daan = await userIdByEmail(t, 'leerling@demo.koers.nl');
    ids.daanTransfer = (await t.deps.db.selectFrom('transfers').select('id').where('student_id', '=', daan).executeTakeFirstOrThrow()).id;
    // A young person without a place in the RMC region of the demo ROC, aged 18–23.
    ids.youth = (await t.deps.db.selectFrom('region_youth').select('id').where('given_name', '=', 'Kevin').executeTakeFirstOrThrow()).id;
    for (const actor of ACTORS) clients[actor] = await signIn(t, `${actor}@demo.koers.nl`);
  });
  afterAll(() => t?.close());

  it('lists every route of the API in the matrix', () => {
    const readRoutes = new Set(Object.keys(READ_MATRIX).map((k) => k.replace(/\?.*$/, '').replace(/:(sanne|institution|group|mentorEntry|youth|daanTransfer)\b/g, ':x')));
    const unlisted = registeredRoutes()
      .map(routeKey)
      .filter((key) => {
        const normalised = key.replace(/:\w+/g, ':x');
        if (readRoutes.has(normalised)) return false;
        if (TESTED_ELSEWHERE[key]) return false;
        const [method, url] = key.split(' ');
        return !(method !== 'GET' && MODULE_WRITE_TESTS.some((m) => url.startsWith(m.prefix)));
      });
    expect(unlisted).toEqual([]);
  });

  it('points only at test files that exist and exercise the route', () => {
    for (const [key, file] of Object.entries(TESTED_ELSEWHERE)) {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      const literal = key.split(' ')[1].replace(/:\w+/g, '').replace(/\/$/, '').split('/').filter(Boolean).pop()!;
      expect(text, `${file} should exercise ${key}`).toContain(literal);
    }
  });

  it('gives every route an action with a rule, and keeps public and any-session routes to a reviewed list', () => {
    const open = registeredRoutes().filter((r) => r.action === PUBLIC || r.action === SIGNED_IN).map((r) => `${routeKey(r)} [${r.action}]`);
    expect(open.sort()).toEqual(
      [
        'POST /api/v1/auth/login [public]',
        'GET /api/v1/auth/oidc/providers [public]',
        'GET /api/v1/auth/oidc/:providerId/start [public]',
        'GET /api/v1/auth/oidc/callback [public]',
        'POST /api/v1/auth/password-reset/request [public]',
        'POST /api/v1/auth/password-reset/complete [public]',
        'GET /api/v1/invitations/:token [public]',
        'GET /api/v1/calendar/:file [public]',
        'POST /api/v1/invitations/:token/accept [public]',
        'GET /api/v1/public/programmes [public]',
        'GET /api/v1/public/programmes/:id [public]',
        'GET /api/v1/public/occupations [public]',
        'GET /api/v1/public/occupations/:id [public]',
        'GET /api/v1/public/regions [public]',
        'GET /api/v1/public/activities [public]',
        'POST /api/v1/public/activities/:id/signups [public]',
        'POST /api/v1/public/signups/confirm [public]',
        'POST /api/v1/auth/logout [signed_in]',
        'GET /api/v1/me [signed_in]',
        'GET /api/v1/me/students [signed_in]',
        'GET /api/v1/auth/mfa [signed_in]',
        'POST /api/v1/auth/mfa/enrol [signed_in]',
        'POST /api/v1/auth/mfa/confirm [signed_in]',
        'POST /api/v1/auth/mfa/verify [signed_in]',
        'POST /api/v1/auth/mfa/disable [signed_in]',
        'POST /api/v1/auth/password [signed_in]',
      ].sort(),
    );
    for (const r of registeredRoutes()) expect(isDefinedAction(r.action), routeKey(r)).toBe(true);
  });

  it('refuses to mount a route whose action has no policy rule', () => {
    const route = defineRoute({
      method: 'GET',
      url: '/api/v1/unguarded',
      summary: 'test',
      tags: [],
      action: 'nobody.wrote.a.rule',
      handler: async () => ({}),
    });
    expect(() => registerRoutes(t.app, t.deps, { authenticate: async () => null }, [route])).toThrow(/no policy rule/);
  });

  for (const [key, allowed] of Object.entries(READ_MATRIX)) {
    it(`${key}: answers ${allowed.join(', ')} and refuses everyone else`, async () => {
      expect(ids.mentorEntry, 'the demo school has an entry shared with the mentor only').toBeTruthy();
      const url = key.split(' ')[1].replace(/:(\w+)/g, (_m, name) => ids[name] ?? `:${name}`);
      const anonymous = await t.app.inject({ method: 'GET', url });
      expect(anonymous.statusCode, 'anonymous').toBe(401);
      for (const actor of ACTORS) {
        const res = await clients[actor]!.get(url);
        if (allowed.includes(actor)) expect(res.statusCode, `${actor} may`).toBeLessThan(300);
        else expect([403, 404], `${actor} may not (got ${res.statusCode})`).toContain(res.statusCode);
      }
    });
  }

  it('writes staff reads and every refused read of Sanne into the audit log', async () => {
    await t.deps.audit.flush();
    const denied = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('student_id', '=', ids.sanne)
      .where('outcome', '=', 'denied')
      .execute();
    for (const actor of ['docent', 'student2'] as const) {
      const id = await userIdByEmail(t, `${actor}@demo.koers.nl`);
      expect(denied.some((d) => d.action === 'student.read' && d.actor_id === id), actor).toBe(true);
    }
    const reads = await t.deps.db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('student_id', '=', ids.sanne)
      .where('action', '=', 'student.read')
      .where('outcome', '=', 'ok')
      .execute();
    for (const actor of ['mentor', 'ouder', 'praktijk', 'admin'] as const) {
      const id = await userIdByEmail(t, `${actor}@demo.koers.nl`);
      expect(reads.some((r) => r.actor_id === id), actor).toBe(true);
    }
  });
});
