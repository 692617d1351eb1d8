import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, testEngines, userIdByEmail, type TestApp } from '../../../test/helpers.js';
import { componentWindow, coverage, evaluate, versionForCohort, type Fact, type Version } from './evaluate.js';
import { pdfLines, type ResultList } from './results.js';
import { behindText } from './signals.js';

type Client = Awaited<ReturnType<typeof signIn>>;

/** An entry that meets the law: shared with the mentor, each of the three aspects answered substantively. */
const lawful = { sharedWithMentor: true, aspectLengths: { orientatie: 60, mening: 60, reflectie: 60 } };
/** Three aspects answered in full sentences (each longer than the default minimum of 40 characters). */
const REFLECTION = {
  orientatie: 'Ik heb uitgezocht wat het werk inhoudt en welke vragen ik nog had.',
  mening: 'Ik vind dit werk mooi, omdat je mensen echt verder helpt in hun dag.',
  reflectie: 'Ik heb geleerd dat ik rustig blijf; volgende keer vraag ik meer door.',
};

describe('evaluate (the rule of the inspanningsverplichting)', () => {
  const version: Version = {
    id: 'v', programmeId: 'p', version: 1, effectiveFrom: '2026-08-01', rule: 'all', ruleMin: null, ruleText: '',
    components: [
      { id: 'c1', position: 1, year: 1, period: 2, kind: 'conversation', title: 'Gesprek', requiredCount: 1, activityKinds: [], minCompetencies: 0, levels: [], pathways: [], intensity: '', guidance: '' },
      { id: 'c2', position: 2, year: 1, period: 2, kind: 'entries', title: 'Ervaringen', requiredCount: 2, activityKinds: [], minCompetencies: 2, levels: [2], pathways: [], intensity: '', guidance: '' },
      { id: 'c3', position: 3, year: 1, period: null, kind: 'activity', title: 'BBL', requiredCount: 1, activityKinds: [], minCompetencies: 0, levels: [], pathways: ['BBL'], intensity: '', guidance: '' },
    ],
  };
  const student = { level: 2, pathway: 'BOL', cohortStart: '2026-08-01' };

  it('places periods as quarters of the school year from the cohort start', () => {
    expect(componentWindow('2026-08-01', 1, 2)).toEqual({ from: '2026-11-01', to: '2027-01-31' });
    expect(componentWindow('2026-08-01', 2, null)).toEqual({ from: '2027-08-01', to: '2028-07-31' });
  });

  it('counts only records in the window, needs the competencies, and applies level and pathway', () => {
    const facts = [
      { type: 'conversation' as const, id: 'g', title: '', date: '2026-11-10' },
      { type: 'entry' as const, id: 'e1', title: 'a', date: '2026-11-11', competencies: ['kwaliteiten' as const], ...lawful },
      { type: 'entry' as const, id: 'e2', title: 'b', date: '2026-11-12', competencies: ['kwaliteiten' as const], ...lawful },
      { type: 'entry' as const, id: 'e3', title: 'c', date: '2026-10-01', competencies: ['netwerken' as const], ...lawful },
    ];
    const r = evaluate(version, student, facts, [], '2026-11-23');
    expect(r.required).toBe(2); // the BBL component does not apply to a BOL student
    expect(r.components[1]).toMatchObject({ done: 2, competenciesCovered: ['kwaliteiten'], met: false, status: 'open' });
    expect(r.fulfilled).toBe(false);
    const more = [...facts, { type: 'entry' as const, id: 'e4', title: 'd', date: '2026-12-01', competencies: ['motieven' as const], ...lawful }];
    expect(evaluate(version, student, more, [], '2026-11-23').fulfilled).toBe(true);
    expect(evaluate(version, student, facts, [], '2027-03-01').components[1].status).toBe('missed');
  });

  it('lets a documented override meet a component, and min_components count', () => {
    const override = { id: 'o', componentId: 'c2', reason: 'Lang ziek geweest, vervangende opdracht gedaan', decidedBy: 'Mentor', decidedAt: '2026-11-20T10:00:00Z' };
    const facts = [{ type: 'conversation' as const, id: 'g', title: '', date: '2026-11-10' }];
    expect(evaluate(version, student, facts, [override], '2026-11-23').fulfilled).toBe(true);
    expect(evaluate({ ...version, rule: 'min_components', ruleMin: 1 }, student, facts, [], '2026-11-23').fulfilled).toBe(true);
    expect(evaluate({ ...version, components: [] }, student, facts, [], '2026-11-23').fulfilled).toBe(false);
  });

  describe('the three aspects and the mentor decide what counts', () => {
    const entries: Version = {
      ...version,
      components: [
        { id: 'ce', position: 1, year: 1, period: 2, kind: 'entries', title: 'Ervaring', requiredCount: 1, activityKinds: [], minCompetencies: 0, levels: [], pathways: [], intensity: '', guidance: '' },
      ],
    };
    const entry = (over: Partial<Fact> = {}): Fact => ({ type: 'entry', id: 'e', title: 'Stage', date: '2026-11-11', competencies: ['kwaliteiten'], ...lawful, ...over });
    const component = (facts: Fact[], v: Version = entries) => evaluate(v, student, facts, [], '2026-11-23').components[0];

    it('counts an entry shared with the mentor that answers all three aspects', () => {
      const c = component([entry()]);
      expect(c).toMatchObject({ done: 1, met: true, notCounted: [] });
      expect(c.records[0]).toMatchObject({ id: 'e', counted: true, reasons: [], missingAspects: [] });
    });

    it('does not count the same entry with one aspect empty or too short, and names the aspect', () => {
      const empty = component([entry({ aspectLengths: { orientatie: 60, mening: 0, reflectie: 60 } })]);
      expect(empty).toMatchObject({ done: 0, met: false, records: [] });
      expect(empty.notCounted[0]).toMatchObject({ id: 'e', counted: false, reasons: ['aspect_missing'], missingAspects: ['mening'] });
      const short = component([entry({ aspectLengths: { orientatie: 60, mening: 60, reflectie: 39 } })]);
      expect(short.notCounted[0].missingAspects).toEqual(['reflectie']);
      // The programme version sets the minimum: with 30 characters the same answer is enough.
      expect(component([entry({ aspectLengths: { orientatie: 60, mening: 60, reflectie: 39 } })], { ...entries, minAspectLength: 30 }).done).toBe(1);
    });

    it('does not count a private entry, even with all three aspects', () => {
      const c = component([entry({ sharedWithMentor: false })]);
      expect(c).toMatchObject({ done: 0, met: false });
      expect(c.notCounted[0]).toMatchObject({ reasons: ['not_shared'], missingAspects: [] });
    });

    const activity = (attendanceAlone: boolean): Version => ({
      ...version,
      components: [
        { id: 'ca', position: 1, year: 1, period: 2, kind: 'activity', title: 'Bedrijfsbezoek', requiredCount: 1, activityKinds: [], minCompetencies: 0, levels: [], pathways: [], intensity: '', guidance: '', attendanceAlone },
      ],
    });
    const visit: Fact = { type: 'activity', id: 'a1', title: 'Bezoek', date: '2026-11-12', activityKind: 'company_visit', competencies: ['werkexploratie'] };

    it('does not count an activity without a linked reflection, unless the component accepts attendance alone', () => {
      const alone = component([visit], activity(false));
      expect(alone).toMatchObject({ done: 0, met: false });
      expect(alone.notCounted[0]).toMatchObject({ id: 'a1', reasons: ['no_reflection'], reflectionEntryId: null });
      const accepted = component([visit], activity(true));
      expect(accepted).toMatchObject({ done: 1, met: true, attendanceAlone: true });
      expect(accepted.records[0]).toMatchObject({ attendanceOnly: true });
    });

    it('counts an activity with a lawful reflection linked to it, and names what the reflection lacks', () => {
      const reflection = entry({ id: 'r', activityId: 'a1', date: '2027-03-01' });
      const c = component([visit, reflection], activity(false));
      expect(c).toMatchObject({ done: 1, met: true });
      expect(c.records[0]).toMatchObject({ id: 'a1', reflectionEntryId: 'r', counted: true });
      const weak = component([visit, entry({ id: 'r', activityId: 'a1', aspectLengths: { orientatie: 0, mening: 60, reflectie: 60 } })], activity(false));
      expect(weak.notCounted[0]).toMatchObject({ reflectionEntryId: 'r', reasons: ['aspect_missing'], missingAspects: ['orientatie'] });
    });

    it('counts a completed exercise only with the lawful entry it was completed with', () => {
      const exercise: Version = {
        ...version,
        components: [{ id: 'cx', position: 1, year: 1, period: 2, kind: 'exercise', title: 'Opdracht', requiredCount: 1, activityKinds: [], minCompetencies: 0, levels: [], pathways: [], intensity: '', guidance: '' }],
      };
      const done: Fact = { type: 'exercise', id: 'x1', title: 'Drie sterke punten', date: '2026-11-12', competencies: ['kwaliteiten'], entryId: 'r' };
      expect(component([done, entry({ id: 'r' })], exercise).done).toBe(1);
      expect(component([done, entry({ id: 'r', sharedWithMentor: false })], exercise).notCounted[0].reasons).toEqual(['not_shared']);
    });
  });

  it('shows which competencies and burgerschap dimensions a version addresses, and flags what is never addressed', () => {
    const base = { position: 1, requiredCount: 1, activityKinds: [], minCompetencies: 0, levels: [], pathways: [], intensity: '', guidance: '' };
    const v: Pick<Version, 'components'> = {
      components: [
        { ...base, id: 'a', year: 1, period: 1, kind: 'activity', title: 'Debat', competencies: ['motieven'], dimensions: ['politiek_juridisch', 'sociaal_maatschappelijk'] },
        { ...base, id: 'b', year: 1, period: 2, kind: 'entries', title: 'Geldplan', competencies: ['kwaliteiten', 'loopbaansturing', 'werkexploratie'], dimensions: ['economisch'] },
        { ...base, id: 'c', year: 2, period: null, kind: 'activity', title: 'Alleen niveau 4', levels: [4], competencies: ['netwerken'], dimensions: [] },
      ],
    };
    const cov = coverage(v);
    expect(cov.missing).toEqual({ competencies: [], dimensions: ['vitaal'] });
    expect(cov.notForEveryone).toEqual({ competencies: ['netwerken'], dimensions: [] });
    expect(cov.dimensions.economisch).toEqual([{ year: 1, period: 2, componentId: 'b', title: 'Geldplan', everyone: true }]);
    expect(coverage({ components: [] }).missing.competencies).toHaveLength(5);
  });

  it('gives the result list and its PDF one verdict: loopbaan en burgerschap', () => {
    const list: ResultList = {
      verdict: { nl: 'Loopbaan en burgerschap', en: 'Career and citizenship' },
      scope: { groupId: 'g', label: 'ZW2A' },
      generatedAt: '2027-02-10T10:00:00Z',
      items: [{ studentId: 's', displayName: 'Sanne de Wit', groupCode: 'ZW2A', programme: 'Helpende', cohort: 'Cohort 2026', version: 1, fulfilled: true, required: 2, done: 2, missing: [], reason: null, overrides: 0, attendanceOnly: ['Bedrijfsbezoek'] }],
    };
    const lines = pdfLines(list);
    expect(lines.heading).toBe('Loopbaan en burgerschap — ZW2A');
    expect(lines.intro).toContain('Eén oordeel voor loopbaan en burgerschap samen, zonder onderscheid naar dimensies');
    expect(lines.students[0].title).toBe('Sanne de Wit (ZW2A) — Loopbaan en burgerschap: voldaan');
    expect(lines.students[0].detail).toContain('telt op aanwezigheid: Bedrijfsbezoek');
  });

  it('applies a component for a target group only to its members', () => {
    const only: Version = {
      ...version,
      components: [{ id: 'ct', position: 1, year: 1, period: 2, kind: 'conversation', title: 'Extra gesprek', requiredCount: 1, activityKinds: [], minCompetencies: 0, levels: [], pathways: [], intensity: '', guidance: '', targetGroupIds: ['oudere-instromers'] }],
    };
    expect(evaluate(only, student, [], [], '2026-11-23').required).toBe(0);
    expect(evaluate(only, { ...student, targetGroups: ['entree'] }, [], [], '2026-11-23').required).toBe(0);
    expect(evaluate(only, { ...student, targetGroups: ['oudere-instromers'] }, [], [], '2026-11-23').required).toBe(1);
  });

  it('gives a cohort the version in effect when it started', () => {
    const v = [{ version: 1, effectiveFrom: '2025-08-01' }, { version: 2, effectiveFrom: '2026-08-01' }];
    expect(versionForCohort(v, '2025-08-01')?.version).toBe(1);
    expect(versionForCohort(v, '2026-08-01')?.version).toBe(2);
    expect(versionForCohort(v, '2024-08-01')?.version).toBe(1);
  });
});

describe.each(testEngines())('LOB programme API on %s', (engine) => {
  let t: TestApp;
  let student: Client, student2: Client, mentor: Client, docent: Client, coordinator: Client, ouder: Client, praktijk: Client;
  let sanne: string;
  let helpende: string;
  let zw2a: string;
  let olderEntrants: string;
  const others: Client[] = [];

  beforeAll(async () => {
    t = await startTestApp(engine);
    // A clean period: year 1, period 3 of Sanne's cohort (February to April) has no demo records yet.
    t.clock.set('2027-02-10T10:00:00Z');
    [student, student2, mentor, docent, coordinator, ouder, praktijk] = await Promise.all(
      ['student', 'student2', 'mentor', 'docent', 'coordinator', 'ouder', 'praktijk'].map((k) => signIn(t, `${k}@demo.koers.nl`)),
    );
    sanne = await userIdByEmail(t, 'student@demo.koers.nl');
    helpende = (await t.deps.db.selectFrom('programmes').select('id').where('crebo', '=', '25498').executeTakeFirstOrThrow()).id;
    zw2a = (await t.deps.db.selectFrom('groups').select('id').where('code', '=', 'ZW2A').executeTakeFirstOrThrow()).id;
    const classmates = await sql<{ email: string }>`select u.email from users u join enrolments e on e.student_id = u.id
      where e.group_id = ${zw2a} and u.email like 'leerling%' order by u.email limit 4`.execute(t.deps.db);
    for (const c of classmates.rows) others.push(await signIn(t, c.email));
  });
  afterAll(() => t?.close());

  async function createActivity(by: Client, body: Record<string, unknown>) {
    const res = await by.post('/api/v1/lob/activities', { description: '', location: 'ROC Koersland', competencies: ['werkexploratie'], ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }

  describe('programme and status', () => {
    let entryIds: string[] = [];

    it('lets the coordinator publish a version for a cohort; an older cohort keeps its version', async () => {
      const minimal = { effectiveFrom: '2026-08-01', rule: 'all', components: [{ year: 1, kind: 'conversation', title: 'Gesprek', count: 1 }] };
      expect((await docent.post(`/api/v1/lob/programmes/${helpende}/versions`, minimal)).statusCode).toBe(403);
      // Sanne's cohort started on 2026-08-01: a version taking effect then would change a started cohort.
      const late = await coordinator.post(`/api/v1/lob/programmes/${helpende}/versions`, minimal);
      expect(late.statusCode).toBe(422);
      expect(late.json().error).toMatchObject({ code: 'version_effective_past', fields: { effectiveFrom: expect.stringContaining('na vandaag') } });
      expect((await student.get(`/api/v1/students/${sanne}/lob-status`)).json().version.version).toBe(1);
      expect((await coordinator.get('/api/v1/lob/programmes')).json().items.find((p: any) => p.id === helpende).versions).toHaveLength(1);
      // Published in July, before the cohort starts: that cohort follows it.
      t.clock.set('2026-07-20T10:00:00Z');
      const group = await coordinator.post('/api/v1/lob/target-groups', { name: 'Oudere instromers', description: 'Studenten van 23 jaar en ouder' });
      expect(group.statusCode, group.body).toBe(201);
      olderEntrants = group.json().id;
      const unknownGroup = await coordinator.post(`/api/v1/lob/programmes/${helpende}/versions`, {
        effectiveFrom: '2026-08-01', rule: 'all',
        components: [{ year: 1, kind: 'conversation', title: 'Gesprek', count: 1, targetGroupIds: ['00000000-0000-4000-8000-000000000000'] }],
      });
      expect(unknownGroup.statusCode).toBe(400);
      expect(unknownGroup.json().error.fields).toHaveProperty(['components.0.targetGroupIds']);
      const res = await coordinator.post(`/api/v1/lob/programmes/${helpende}/versions`, {
        effectiveFrom: '2026-08-01',
        rule: 'all',
        ruleText: 'Alle onderdelen gedaan.',
        components: [
          { year: 1, period: 3, kind: 'conversation', title: 'Eén loopbaangesprek', count: 1 },
          // The team accepts attendance alone for these visits (the result list says so).
          { year: 1, period: 3, kind: 'activity', title: 'Twee werkplekgerichte activiteiten', count: 2, activityKinds: ['company_visit', 'guest_lesson', 'job_shadowing'], attendanceAlone: true },
          { year: 1, period: 3, kind: 'entries', title: 'Drie ervaringen, drie competenties', count: 3, minCompetencies: 3 },
          { year: 1, period: 3, kind: 'entries', title: 'Alleen niveau 4', count: 10, levels: [4] },
          { year: 1, period: 3, kind: 'conversation', title: 'Intervisie voor oudere instromers', count: 1, targetGroupIds: [olderEntrants] },
        ],
      });
      t.clock.set('2027-02-10T10:00:00Z');
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ version: 2, components: [{ position: 1 }, { position: 2 }, { position: 3 }, { position: 4 }, { position: 5, targetGroupIds: [olderEntrants] }] });
      const versionView = await mentor.get(`/api/v1/lob/programme-versions/${res.json().id}`);
      expect(versionView.statusCode).toBe(200);
      // This version never says what it addresses: the editor is warned about every competence and dimension.
      expect(versionView.json().coverage.missing).toEqual({
        competencies: ['kwaliteiten', 'motieven', 'werkexploratie', 'loopbaansturing', 'netwerken'],
        dimensions: ['politiek_juridisch', 'economisch', 'sociaal_maatschappelijk', 'vitaal'],
      });
      expect((await student.get(`/api/v1/lob/programme-versions/${res.json().id}`)).statusCode).toBe(404);
      const list = await coordinator.get('/api/v1/lob/programmes');
      expect(list.json().items.find((p: any) => p.id === helpende).versions).toHaveLength(2);

      const mine = (await student.get(`/api/v1/students/${sanne}/lob-status`)).json();
      expect(mine).toMatchObject({ required: 3, done: 0, fulfilled: false, version: { version: 2 } });
      const s2 = await userIdByEmail(t, 'student2@demo.koers.nl');
      expect((await student2.get(`/api/v1/students/${s2}/lob-status`)).json().version.version).toBe(1);
    });

    it('turns to met when the student completed every required component, and back when one is removed', async () => {
      const visit = await createActivity(docent, { kind: 'company_visit', title: 'Bezoek De Linde', startsAt: '2027-02-15T09:00:00+01:00', endsAt: '2027-02-15T12:00:00+01:00' });
      const lesson = await createActivity(docent, { kind: 'guest_lesson', title: 'Gastles', startsAt: '2027-02-20T09:00:00+01:00', endsAt: '2027-02-20T10:00:00+01:00' });
      for (const id of [visit, lesson]) {
        expect((await student.post(`/api/v1/lob/activities/${id}/signup`, {})).statusCode).toBe(201);
        const rec = await docent.put(`/api/v1/lob/activities/${id}/participation`, { items: [{ studentId: sanne, attended: true }] });
        expect(rec.statusCode, rec.body).toBe(200);
      }
      const planned = await mentor.post('/api/v1/conversations', { studentId: sanne, plannedAt: '2027-02-10T13:00:00+01:00' });
      expect(planned.statusCode, planned.body).toBe(201);
      expect((await mentor.patch(`/api/v1/conversations/${planned.json().id}`, { held: true, heldOn: '2027-02-10' })).statusCode).toBe(204);
      let status = (await student.get(`/api/v1/students/${sanne}/lob-status`)).json();
      expect(status).toMatchObject({ done: 2, fulfilled: false });

      for (const competence of ['kwaliteiten', 'motieven', 'netwerken']) {
        const e = await student.post('/api/v1/portfolio/entries', { kind: 'school', title: `Ervaring ${competence}`, occurredOn: '2027-02-10', competencies: [competence], reflection: REFLECTION, sharing: ['mentor'] });
        expect(e.statusCode, e.body).toBe(201);
        entryIds.push(e.json().id);
      }
      status = (await student.get(`/api/v1/students/${sanne}/lob-status`)).json();
      expect(status, JSON.stringify(status.components.map((c: any) => [c.title, c.done, c.competenciesCovered]))).toMatchObject({ required: 3, done: 3, fulfilled: true });
      expect(status.components.every((c: any) => c.status === 'met')).toBe(true);
      // Readers: the mentor, a parent while allowed, the coordinator. The mentor sees the counted
      // entries (they are shared with the mentor, or they would not count); the parent sees none.
      const byMentor = (await mentor.get(`/api/v1/students/${sanne}/lob-status`)).json();
      expect(byMentor.fulfilled).toBe(true);
      expect(byMentor.components[2].records.map((r: any) => r.id).sort()).toEqual([...entryIds].sort());
      expect(byMentor.components[2].done).toBe(3);
      const byParent = (await ouder.get(`/api/v1/students/${sanne}/lob-status`)).json();
      expect(byParent.fulfilled).toBe(true);
      expect(byParent.components[2].records).toEqual([]);
      expect((await coordinator.get(`/api/v1/students/${sanne}/lob-status`)).statusCode).toBe(200);
      expect((await praktijk.get(`/api/v1/students/${sanne}/lob-status`)).statusCode).toBe(404);
      expect((await docent.get(`/api/v1/students/${sanne}/lob-status`)).statusCode).toBe(404);

      expect((await student.delete(`/api/v1/portfolio/entries/${entryIds[2]}`)).statusCode).toBe(204);
      status = (await student.get(`/api/v1/students/${sanne}/lob-status`)).json();
      expect(status).toMatchObject({ done: 2, fulfilled: false });
      expect(status.components[2]).toMatchObject({ done: 2, met: false, status: 'open' });
      entryIds = entryIds.slice(0, 2);
    });

    it('lets only the mentor record a documented, audited exception, and revoke it', async () => {
      const status = (await mentor.get(`/api/v1/students/${sanne}/lob-status`)).json();
      const entries = status.components[2];
      expect((await docent.post(`/api/v1/students/${sanne}/lob-status/overrides`, { componentId: entries.id, reason: 'Vervangende opdracht gemaakt' })).statusCode).toBe(404);
      expect((await mentor.post(`/api/v1/students/${sanne}/lob-status/overrides`, { componentId: entries.id, reason: 'kort' })).statusCode).toBe(400);
      const res = await mentor.post(`/api/v1/students/${sanne}/lob-status/overrides`, { componentId: entries.id, reason: 'Vervangende opdracht gemaakt na ziekte' });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().fulfilled).toBe(true);
      const overrideId = res.json().components[2].override.id;
      expect(res.json().components[2].override.reason).toContain('ziekte');
      // A parent sees that an exception exists, not its reason.
      expect((await ouder.get(`/api/v1/students/${sanne}/lob-status`)).json().components[2].override.reason).toBeUndefined();
      expect((await mentor.post(`/api/v1/students/${sanne}/lob-status/overrides`, { componentId: entries.id, reason: 'Nog een keer vastleggen' })).statusCode).toBe(409);
      const audit = await t.deps.db.selectFrom('audit_log').select('action').where('student_id', '=', sanne).where('action', 'like', 'programme.override.%').execute();
      expect(audit.map((a) => a.action)).toContain('programme.override.create');
      const revoked = await mentor.delete(`/api/v1/students/${sanne}/lob-status/overrides/${overrideId}`);
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json().fulfilled).toBe(false);
    });

    it('lists every student of the group with their status and why, as JSON, CSV and PDF', async () => {
      expect((await docent.get(`/api/v1/lob/results?groupId=${zw2a}`)).statusCode).toBe(403);
      expect((await mentor.get('/api/v1/lob/results')).statusCode).toBe(400);
      const res = await mentor.get(`/api/v1/lob/results?groupId=${zw2a}`);
      expect(res.statusCode).toBe(200);
      const items = res.json().items;
      expect(items).toHaveLength(20);
      const row = items.find((r: any) => r.studentId === sanne);
      expect(row).toMatchObject({ fulfilled: false, done: 2, required: 3 });
      expect(row.missing.map((m: any) => m.title)).toEqual(['Drie ervaringen, drie competenties']);
      expect(res.json().verdict.nl).toBe('Loopbaan en burgerschap');
      const csv = await coordinator.get(`/api/v1/lob/results.csv?groupId=${zw2a}`);
      expect(csv.headers['content-type']).toContain('text/csv');
      const lines = csv.body.trim().split('\r\n');
      expect(lines).toHaveLength(21);
      // One verdict column for loopbaan and burgerschap together, no column per dimension.
      expect(lines[0]).toContain('"Loopbaan en burgerschap"');
      expect(lines[0]).not.toMatch(/politiek|economisch|vitaal/i);
      expect(lines.find((l) => l.includes('Sanne de Wit'))).toContain('"niet voldaan"');
      const pdf = await coordinator.get(`/api/v1/lob/results.pdf?programmeId=${helpende}`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
      const exports = await t.deps.db.selectFrom('audit_log').select('details').where('action', '=', 'programme.results.export').execute();
      expect(exports).toHaveLength(2);
    });

    it('counts only entries the exam board can open, names per record what is missing, and lets the exam board open what counted (audited)', async () => {
      const board = await signIn(t, 'examencommissie@demo.koers.nl');
      const entriesOf = (status: any) => status.components.find((c: any) => c.title === 'Drie ervaringen, drie competenties');
      const post = async (body: Record<string, unknown>) => {
        const e = await student.post('/api/v1/portfolio/entries', { kind: 'school', occurredOn: '2027-02-11', competencies: ['loopbaansturing'], ...body });
        expect(e.statusCode, e.body).toBe(201);
        return e.json().id as string;
      };
      const privateEntry = await post({ title: 'Alleen voor mij', reflection: REFLECTION, sharing: [] });
      const halfEntry = await post({ title: 'Nog niet af', reflection: { ...REFLECTION, mening: '  ' }, sharing: ['mentor'] });
      const shortEntry = await post({ title: 'Te kort', reflection: { ...REFLECTION, reflectie: 'Goed gegaan.' }, sharing: ['mentor'] });
      try {
        // The student sees every record, and why it does not count.
        const mine = entriesOf((await student.get(`/api/v1/students/${sanne}/lob-status`)).json());
        expect(mine).toMatchObject({ done: 2, met: false });
        const reasonsOf = (id: string) => mine.notCounted.find((r: any) => r.id === id);
        expect(reasonsOf(privateEntry)).toMatchObject({ counted: false, reasons: ['not_shared'], missingAspects: [] });
        expect(reasonsOf(halfEntry)).toMatchObject({ reasons: ['aspect_missing'], missingAspects: ['mening'] });
        expect(reasonsOf(shortEntry)).toMatchObject({ reasons: ['aspect_missing'], missingAspects: ['reflectie'] });
        expect(mine.records.every((r: any) => r.counted)).toBe(true);

        // Staff never learn of the private entry; they see the shared ones that do not count yet.
        for (const reader of [mentor, board]) {
          const theirs = entriesOf((await reader.get(`/api/v1/students/${sanne}/lob-status`)).json());
          expect(theirs.done).toBe(2);
          expect(theirs.notCounted.map((r: any) => r.id).sort()).toEqual([halfEntry, shortEntry].sort());
          expect(JSON.stringify(theirs)).not.toContain(privateEntry);
        }

        // The exam board opens each counted record; the read is audited and visible to the student.
        const counted = mine.records.map((r: any) => r.id as string);
        expect(counted).toHaveLength(2);
        for (const id of counted) {
          const opened = await board.get(`/api/v1/students/${sanne}/lob-status/records/${id}`);
          expect(opened.statusCode, opened.body).toBe(200);
          expect(opened.json()).toMatchObject({ id, reflection: REFLECTION });
        }
        expect((await mentor.get(`/api/v1/students/${sanne}/lob-status/records/${counted[0]}`)).statusCode).toBe(200);
        await t.deps.audit.flush();
        const reads = await t.deps.db.selectFrom('audit_log').select(['subject_id', 'actor_id']).where('action', '=', 'programme.record.read').where('student_id', '=', sanne).execute();
        expect(reads.filter((r) => r.actor_id === board.user.id).map((r) => r.subject_id).sort()).toEqual([...counted].sort());
        const audit = (await student.get(`/api/v1/audit?studentId=${sanne}`)).json();
        expect(JSON.stringify(audit)).toContain('programme.record.read');

        // A private entry stays private, and what did not count is not opened this way either.
        for (const reader of [board, mentor, student]) {
          expect((await reader.get(`/api/v1/students/${sanne}/lob-status/records/${privateEntry}`)).statusCode).toBe(404);
        }
        expect((await board.get(`/api/v1/students/${sanne}/lob-status/records/${halfEntry}`)).statusCode).toBe(404);
        for (const reader of [docent, student2, ouder, praktijk]) {
          expect((await reader.get(`/api/v1/students/${sanne}/lob-status/records/${counted[0]}`)).statusCode).toBe(404);
        }

        // The exam board reads the result list of its opleiding's groups, not of another team.
        expect((await board.get(`/api/v1/lob/results?groupId=${zw2a}`)).statusCode).toBe(200);
        const sd4a = (await t.deps.db.selectFrom('groups').select('id').where('code', '=', 'SD4A').executeTakeFirstOrThrow()).id;
        expect((await board.get(`/api/v1/lob/results?groupId=${sd4a}`)).statusCode).toBe(403);
        expect((await board.get('/api/v1/lob/result-groups')).json().groups.map((g: any) => g.code)).toEqual(['VIG3A', 'ZW2A', 'ZW2B']);
      } finally {
        for (const id of [privateEntry, halfEntry, shortEntry]) expect((await student.delete(`/api/v1/portfolio/entries/${id}`)).statusCode).toBe(204);
      }
    });

    it('applies a component for a target group to the students the coordinator puts in it (audited)', async () => {
      const intervisie = (s: any) => s.components.find((c: any) => c.title === 'Intervisie voor oudere instromers');
      const before = (await student.get(`/api/v1/students/${sanne}/lob-status`)).json();
      expect(intervisie(before)).toBeUndefined();
      expect((await docent.post('/api/v1/lob/target-groups', { name: 'Entree' })).statusCode).toBe(403);
      expect((await coordinator.post('/api/v1/lob/target-groups', { name: 'Oudere instromers' })).statusCode).toBe(409);
      expect((await mentor.put(`/api/v1/lob/target-groups/${olderEntrants}/members/${sanne}`, {})).statusCode).toBe(403);
      expect((await student.get(`/api/v1/lob/target-groups/${olderEntrants}/members`)).statusCode).toBe(404);
      const added = await coordinator.put(`/api/v1/lob/target-groups/${olderEntrants}/members/${sanne}`, {});
      expect(added.statusCode, added.body).toBe(200);
      expect(added.json().items).toEqual([{ studentId: sanne, displayName: 'Sanne de Wit' }]);
      expect((await coordinator.get('/api/v1/lob/target-groups')).json().items).toContainEqual(expect.objectContaining({ name: 'Oudere instromers', members: 1 }));
      try {
        const after = (await student.get(`/api/v1/students/${sanne}/lob-status`)).json();
        expect(after.required).toBe(before.required + 1);
        expect(intervisie(after)).toMatchObject({ kind: 'conversation', required: 1 });
        const audit = await t.deps.db.selectFrom('audit_log').select('action').where('student_id', '=', sanne).where('action', 'like', 'programme.target_group.%').execute();
        expect(audit.map((a) => a.action)).toContain('programme.target_group.member.add');
      } finally {
        expect((await coordinator.delete(`/api/v1/lob/target-groups/${olderEntrants}/members/${sanne}`)).statusCode).toBe(200);
      }
      expect(intervisie((await student.get(`/api/v1/students/${sanne}/lob-status`)).json())).toBeUndefined();
      const stranger = await coordinator.put(`/api/v1/lob/target-groups/${olderEntrants}/members/00000000-0000-4000-8000-000000000000`, {});
      expect(stranger.statusCode).toBe(400);
    });

    it('links a reflection to an LOB activity, and refuses an activity that does not exist', async () => {
      const bad = await student.post('/api/v1/portfolio/entries', { kind: 'lob_activity', title: 'Bezoek', occurredOn: '2027-02-11', competencies: ['werkexploratie'], reflection: REFLECTION, activityId: '00000000-0000-4000-8000-000000000000' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields).toHaveProperty('activityId');
    });
  });

  describe('catalogue, sign-up and waiting list', () => {
    it('records the burgerschap dimensions an activity addresses', async () => {
      const id = await createActivity(docent, { kind: 'workshop', title: 'Debat: mag je staken in de zorg?', dimensions: ['politiek_juridisch', 'sociaal_maatschappelijk'], startsAt: '2027-03-02T09:00:00+01:00', endsAt: '2027-03-02T10:00:00+01:00' });
      expect((await student.get(`/api/v1/lob/activities/${id}`)).json().dimensions).toEqual(['politiek_juridisch', 'sociaal_maatschappelijk']);
      const bad = await docent.post('/api/v1/lob/activities', { kind: 'workshop', title: 'x', dimensions: ['cultureel'], startsAt: '2027-03-02T09:00:00+01:00', endsAt: '2027-03-02T10:00:00+01:00' });
      expect(bad.statusCode).toBe(400);
      expect(Object.keys(bad.json().error.fields).join()).toContain('dimensions');
    });

    it('shows students the activities meant for them and staff all of the institution', async () => {
      const ict = (await t.deps.db.selectFrom('programmes').select('id').where('crebo', '=', '25604').executeTakeFirstOrThrow()).id;
      const id = await createActivity(docent, { kind: 'company_visit', title: 'Alleen ICT', startsAt: '2027-03-01T09:00:00+01:00', endsAt: '2027-03-01T12:00:00+01:00', audience: { programmeIds: [ict] } });
      expect((await student.get('/api/v1/lob/activities')).json().items.some((a: any) => a.id === id)).toBe(false);
      expect((await coordinator.get('/api/v1/lob/activities')).json().items.some((a: any) => a.id === id)).toBe(true);
      expect((await student.get(`/api/v1/lob/activities/${id}`)).statusCode).toBe(404);
      expect((await student.post(`/api/v1/lob/activities/${id}/signup`, {})).statusCode).toBe(404);
      expect((await ouder.get('/api/v1/lob/activities')).statusCode).toBe(403);
      expect((await student.post('/api/v1/lob/activities', { kind: 'workshop', title: 'Zelf bedacht', startsAt: '2027-03-01T09:00:00+01:00', endsAt: '2027-03-01T10:00:00+01:00' })).statusCode).toBe(403);
    });

    it('refuses the next sign-up when full and offers the waiting list; cancelling promotes the first on it', async () => {
      const id = await createActivity(docent, { kind: 'job_shadowing', title: 'Meeloopdag, één plek', capacity: 1, startsAt: '2027-03-05T09:00:00+01:00', endsAt: '2027-03-05T12:00:00+01:00' });
      const first = await student.post(`/api/v1/lob/activities/${id}/signup`, {});
      expect(first.statusCode).toBe(201);
      expect(first.json()).toEqual({ status: 'registered', position: null });
      expect((await student.post(`/api/v1/lob/activities/${id}/signup`, {})).json().error.code).toBe('already_signed_up');

      const full = await student2.post(`/api/v1/lob/activities/${id}/signup`, {});
      expect(full.statusCode).toBe(409);
      expect(full.json().error).toMatchObject({ code: 'activity_full', fields: { waitlist: 'available' } });
      expect(full.json().error.message).toContain('wachtlijst');
      const waiting = await student2.post(`/api/v1/lob/activities/${id}/signup`, { waitlist: true });
      expect(waiting.statusCode).toBe(201);
      expect(waiting.json()).toEqual({ status: 'waitlisted', position: 1 });
      expect((await others[0].post(`/api/v1/lob/activities/${id}/signup`, { waitlist: true })).json()).toEqual({ status: 'waitlisted', position: 2 });

      const cancelled = await student.delete(`/api/v1/lob/activities/${id}/signup`);
      expect(cancelled.statusCode).toBe(200);
      expect(cancelled.json().promoted).toBe(await userIdByEmail(t, 'student2@demo.koers.nl'));
      expect((await student2.get(`/api/v1/lob/activities/${id}`)).json().mySignup).toMatchObject({ status: 'registered' });
      expect((await others[0].get(`/api/v1/lob/activities/${id}`)).json().mySignup).toMatchObject({ status: 'waitlisted', position: 1 });
      const participants = await docent.get(`/api/v1/lob/activities/${id}/participants`);
      expect(participants.json().items.map((p: any) => p.status)).toEqual(['registered', 'waitlisted']);
      expect((await student.get(`/api/v1/lob/activities/${id}/participants`)).statusCode).toBe(403);
      expect((await mentor.put(`/api/v1/lob/activities/${id}/participation`, { items: [{ studentId: sanne, attended: true }] })).statusCode).toBe(403);
    });

    it('never gives more places than there are when students sign up at the same moment', async () => {
      const id = await createActivity(docent, { kind: 'trial_lesson', title: 'Proefles, twee plekken', capacity: 2, startsAt: '2027-03-06T09:00:00+01:00', endsAt: '2027-03-06T12:00:00+01:00' });
      const results = await Promise.all([student, student2, ...others].map((c) => c.post(`/api/v1/lob/activities/${id}/signup`, {})));
      const codes = results.map((r) => r.statusCode).sort();
      expect(codes).toEqual([201, 201, 409, 409, 409, 409]);
      const activity = (await docent.get(`/api/v1/lob/activities/${id}`)).json();
      expect(activity).toMatchObject({ registered: 2, waitlisted: 0, capacity: 2 });
    });
  });

  describe('participation is attendance, and the caseload signal', () => {
    const componentDone = async (title: string) =>
      (await student.get(`/api/v1/students/${sanne}/lob-status`)).json().components.find((c: any) => c.title === title).done as number;
    const visits = 'Twee werkplekgerichte activiteiten';

    it('records participation once, as attendance too; a correction in attendance is what the engine counts', async () => {
      const before = await componentDone(visits);
      const id = await createActivity(docent, { kind: 'company_visit', title: 'Bezoek Zorgcentrum Het Anker', startsAt: '2027-02-05T09:00:00+01:00', endsAt: '2027-02-05T12:00:00+01:00' });
      const rec = await docent.put(`/api/v1/lob/activities/${id}/participation`, { items: [{ studentId: sanne, attended: true }, { studentId: others[0].user.id, attended: false }] });
      expect(rec.statusCode, rec.body).toBe(200);
      expect(await componentDone(visits)).toBe(before + 1);

      // The student's attendance summary shows the activity (mentor and student read the same record).
      const summary = (await mentor.get(`/api/v1/students/${sanne}/attendance`)).json();
      const session = summary.recent.find((r: any) => r.title === 'Bezoek Zorgcentrum Het Anker');
      expect(session).toMatchObject({ kind: 'lob_activity', date: '2027-02-05', status: 'present' });
      const theirs = (await mentor.get(`/api/v1/students/${others[0].user.id}/attendance`)).json();
      expect(theirs.recent.find((r: any) => r.sessionId === session.sessionId)).toMatchObject({ status: 'absent_unexcused' });

      // Recording again (a double submit) changes nothing: one session, one count.
      expect((await docent.put(`/api/v1/lob/activities/${id}/participation`, { items: [{ studentId: sanne, attended: true }] })).statusCode).toBe(200);
      const links = await t.deps.db.selectFrom('lob_activity_sessions').select('session_id').where('activity_id', '=', id).execute();
      expect(links).toEqual([{ session_id: session.sessionId }]);
      expect(await componentDone(visits)).toBe(before + 1);

      // The mentor corrects the attendance: Sanne was not there after all. The engine follows.
      const corrected = await mentor.put(`/api/v1/attendance/sessions/${session.sessionId}/students/${sanne}`, { status: 'absent_unexcused' });
      expect(corrected.statusCode, corrected.body).toBeLessThan(300);
      expect(await componentDone(visits)).toBe(before);
      const participants = (await docent.get(`/api/v1/lob/activities/${id}/participants`)).json().items;
      expect(participants.find((p: any) => p.studentId === sanne).attended).toBe(false);
      expect((await docent.put(`/api/v1/lob/activities/${id}/participation`, { items: [{ studentId: sanne, attended: true }] })).statusCode).toBe(200);
      expect(await componentDone(visits)).toBe(before + 1);
      // The same student twice in one request is bad input, not a server error.
      expect((await docent.put(`/api/v1/lob/activities/${id}/participation`, { items: [{ studentId: sanne, attended: true }, { studentId: sanne, attended: false }] })).statusCode).toBe(400);
    });

    it('signals the mentor when the inspanningsverplichting is behind schedule, in words, until it is fulfilled', async () => {
      const sanneSignals = async (as = mentor) => {
        const res = await as.get('/api/v1/mentor/caseload');
        expect(res.statusCode, res.body).toBe(200);
        return (res.json().items.find((s: any) => s.id === sanne).signals as { code: string; text: string }[]).filter((x) => x.code === 'lob_behind');
      };
      // In period 3 nothing has ended yet: not behind.
      expect(await sanneSignals()).toEqual([]);
      // After period 3 the component with three experiences was not met.
      t.clock.set('2027-05-10T10:00:00Z');
      try {
        // Three months later: new sign-ins (the earlier sessions have been idle too long).
        const [mentorInMay, sanneInMay] = [await signIn(t, 'mentor@demo.koers.nl'), await signIn(t, 'student@demo.koers.nl')];
        const signals = await sanneSignals(mentorInMay);
        expect(signals).toHaveLength(1);
        expect(signals[0].text).toBe('Loopt achter met de inspanningsverplichting LOB: 1 onderdeel uit een afgelopen periode is niet gehaald (Drie ervaringen, drie competenties).');
        // Fulfilled with a real record from that period: the signal is gone.
        const e = await sanneInMay.post('/api/v1/portfolio/entries', { kind: 'school', title: 'Netwerkgesprek met mijn tante', occurredOn: '2027-04-20', competencies: ['netwerken'], reflection: REFLECTION, sharing: ['mentor'] });
        expect(e.statusCode, e.body).toBe(201);
        expect((await sanneInMay.get(`/api/v1/students/${sanne}/lob-status`)).json().fulfilled).toBe(true);
        expect(await sanneSignals(mentorInMay)).toEqual([]);
      } finally {
        t.clock.set('2027-02-10T10:00:00Z');
      }
    });

    it('explains the signal in Dutch and English', () => {
      expect(behindText({ count: 2, components: 'A, B' }, 'nl')).toBe('Loopt achter met de inspanningsverplichting LOB: 2 onderdelen uit een afgelopen periode zijn niet gehaald (A, B).');
      expect(behindText({ count: 1, components: 'A' }, 'en')).toBe('Behind on the LOB obligation (inspanningsverplichting): 1 component from a past period was not met (A).');
    });
  });
});
