import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DemoSchool } from '../../db/demo-school.js';
import { allItems, type Definition } from './definition.js';
import { schoolYearOf } from './service.js';
import { findTemplate } from './templates.js';

/**
 * Demo quality cycle of last school year: the team-scan of Team Zorg & Welzijn (the nulmeting,
 * answered by the five people of the team, the loopbaangesprek scoring lowest), three
 * Kwaliteitskaart actions that answer it (one done with evidence, one under way, one overdue),
 * the student satisfaction questionnaire (anonymous, imported) and the competence voormeting and
 * nameting. Every choice comes from school.random, so each run gives the same content.
 */
const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

export async function qualityDemo(trx: Transaction<DB>, school: DemoSchool) {
  const { random, users, institutionId, today } = school;
  const lastYearDay = addDays(today, -365);
  const lastYear = schoolYearOf(lastYearDay);
  const zorg = await trx.selectFrom('team_members').select('team_id').where('user_id', '=', users.docent).executeTakeFirstOrThrow();
  const teamId = zorg.team_id;

  const questionnaire = async (code: string, extra: { team?: string | null; wave?: number; series?: string; closesOn: string; title?: string }) => {
    const t = findTemplate(code)!;
    const row = await trx
      .insertInto('quality_questionnaires')
      .values({
        institution_id: institutionId,
        team_id: extra.team ?? null,
        series_id: extra.series ?? crypto.randomUUID(),
        wave: extra.wave ?? 1,
        template_code: code,
        title: extra.title ?? t.title,
        description: t.description,
        anonymous: t.anonymous,
        definition: JSON.stringify(t.definition),
        panel: t.panel ?? false,
        status: 'closed',
        closes_on: extra.closesOn,
        school_year: schoolYearOf(extra.closesOn),
        created_by: users.coordinator,
      })
      .returning(['id', 'series_id'])
      .executeTakeFirstOrThrow();
    return { ...row, definition: t.definition };
  };
  const likertAnswers = (def: Definition, score: (theme: string | undefined) => number) =>
    Object.fromEntries(allItems(def).filter((i) => i.type === 'likert5').map((i) => [i.code, Math.max(1, Math.min(5, score(i.theme)))]));

  // The team-scan: identified, so each answer carries its teacher and the day.
  const scan = await questionnaire('team_scan', { team: teamId, closesOn: addDays(lastYearDay, -20), title: 'Team-scan LOB Zorg & Welzijn (nulmeting)' });
  const team = ['mentor', 'mentorZw2b', 'mentorVig', 'docent', 'manager'].filter((k) => users[k]);
  for (const key of team) {
    const base: Record<string, number> = { visie: 4, curriculum: 3, gesprek: 2, professionalisering: 3, keten: 3, ouders: 3, borging: 2 };
    await trx
      .insertInto('quality_invitations')
      .values({ questionnaire_id: scan.id, user_id: users[key], team_id: teamId, programme_id: null, responded: true, invited_on: addDays(lastYearDay, -40) })
      .execute();
    await trx
      .insertInto('quality_responses')
      .values({
        questionnaire_id: scan.id,
        definition_version: 1,
        respondent_id: users[key],
        submitted_at: new Date(`${addDays(lastYearDay, -30)}T10:00:00Z`),
        team_id: teamId,
        programme_id: null,
        source: 'form',
        answers: JSON.stringify(likertAnswers(scan.definition, (theme) => (base[theme ?? ''] ?? 3) + random.int(-1, 1))),
      })
      .execute();
  }

  // The Kwaliteitskaart that answers it.
  await trx
    .insertInto('quality_actions')
    .values([
      {
        institution_id: institutionId,
        team_id: teamId,
        school_year: lastYear,
        step: 'verbeteren',
        theme: 'gesprek',
        source_questionnaire_id: scan.id,
        title: 'Elke student twee loopbaangesprekken per jaar',
        description: 'Gespreksweek in periode 2 en periode 4, met voorbereiding door de student in Koers.',
        owner_id: users.mentor,
        due_on: addDays(lastYearDay, 120),
        status: 'done',
        evidence: 'Beide gespreksweken gehouden; 76 van de 80 studenten hadden twee gesprekken.',
        done_on: addDays(lastYearDay, 115),
        created_by: users.coordinator,
      },
      {
        institution_id: institutionId,
        team_id: teamId,
        school_year: schoolYearOf(today),
        step: 'faciliteren',
        theme: 'professionalisering',
        source_questionnaire_id: scan.id,
        title: 'Training loopbaanreflectiegesprekken voor nieuwe mentoren',
        description: 'Twee dagdelen met intervisie daarna.',
        owner_id: users.manager,
        due_on: addDays(today, 60),
        status: 'doing',
        evidence: '',
        done_on: null,
        created_by: users.coordinator,
      },
      {
        institution_id: institutionId,
        team_id: null,
        school_year: schoolYearOf(today),
        step: 'verankeren',
        theme: 'borging',
        source_questionnaire_id: scan.id,
        title: 'LOB opnemen in de jaarlijkse zelfevaluatie van de teams',
        description: '',
        owner_id: users.coordinator,
        due_on: addDays(today, -10),
        status: 'planned',
        evidence: '',
        done_on: null,
        created_by: users.coordinator,
      },
    ])
    .execute();

  // Student satisfaction last year: anonymous, imported from a survey tool, no person, no time.
  const sat = await questionnaire('satisfaction', { closesOn: addDays(lastYearDay, 30) });
  const satRows = Array.from({ length: 24 }, () => {
    const answers: Record<string, unknown> = likertAnswers(sat.definition, (theme) => (theme === 'informatie' ? 3 : 4) + random.int(-1, 1));
    answers.tv_gesprekken_aantal = String(random.int(1, 3));
    answers.tv_hielp = random.next() < 0.5 ? ['stage', 'gesprek'] : ['stage'];
    return answers;
  });
  await trx
    .insertInto('quality_responses')
    .values(satRows.map((answers) => ({ questionnaire_id: sat.id, definition_version: 1, respondent_id: null, submitted_at: null, team_id: teamId, programme_id: null, source: 'import' as const, answers: JSON.stringify(answers) })))
    .execute();

  // Competence voormeting at the start of last year and nameting at its end.
  const pre = await questionnaire('competence_prepost', { closesOn: addDays(lastYearDay, -60), title: 'Loopbaancompetenties voormeting' });
  const post = await questionnaire('competence_prepost', { series: pre.series_id, wave: 2, closesOn: addDays(lastYearDay, 150), title: 'Loopbaancompetenties nameting' });
  for (const [q, shift] of [[pre, 0], [post, 1]] as const) {
    const rows = Array.from({ length: 20 }, () => likertAnswers(q.definition, () => 3 + shift + random.int(-1, 0)));
    await trx
      .insertInto('quality_responses')
      .values(rows.map((answers) => ({ questionnaire_id: q.id, definition_version: 1, respondent_id: null, submitted_at: null, team_id: teamId, programme_id: null, source: 'import' as const, answers: JSON.stringify(answers) })))
      .execute();
  }
}
