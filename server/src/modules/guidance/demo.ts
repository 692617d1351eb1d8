import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DemoSchool } from '../../db/demo-school.js';
import { addPlanActionFromConversation } from '../portfolio/service.js';
import { periodStart } from './caseload.js';
import type { AttendanceStatus } from './tables.js';

/**
 * Demo guidance: held conversations with agreements (some students also this period, Sanne not:
 * her next one is planned), appointments, a feed in each group, messages and attendance over the
 * last four weeks. Drawn from school.random, so every run gives the same content.
 */
const AGREEMENTS = [
  'Twee vacatures opzoeken die bij mij passen',
  'Een meeloopdag aanvragen bij een zorginstelling',
  'Mijn stagebegeleider vragen om feedback op mijn rapportage',
  'Een ervaring over mijn stage in mijn LOBbook zetten',
  'Mijn sterke punten aan twee mensen vragen',
  'Me aanmelden voor de open dag van niveau 3',
];
const STEPS = {
  terugkijken: ['Stage gaat goed, veel geleerd over dagelijkse zorg.', 'Lastige periode met veel toetsen.', 'Bijbaan en school kosten veel tijd.'],
  reflecteren: ['Je merkt dat je rustig blijft bij drukte. Plannen vind je nog lastig.', 'Je vraagt meer om hulp dan eerst.', 'Je weet beter wat je wel en niet leuk vindt.'],
  vooruitkijken: ['Doorstromen naar niveau 3 lijkt je wat.', 'Je wilt onderzoeken of wijkzorg bij je past.', 'Je wilt een bijbaan in de zorg zoeken.'],
};
const POSTS = [
  'Wie gaat er mee naar de open dag volgende week?',
  'Tip: bij de bibliotheek kun je je cv laten nakijken.',
  'Vergeet niet je stageverslag in te leveren voor vrijdag!',
  'Ik heb mijn eerste week stage erop zitten. Spannend maar leuk.',
  'Heeft iemand ervaring met meelopen in de thuiszorg?',
];
const REPLIES = ['Ja, ik ga mee!', 'Goed idee, dank je.', 'Ik wil ook wel.', 'Succes allemaal!'];

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const AMSTERDAM_PARTS = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** How far Amsterdam's clock is ahead of UTC at an instant: 1 h in winter, 2 h in summer time. */
function amsterdamOffsetMs(instant: number): number {
  const p = Object.fromEntries(AMSTERDAM_PARTS.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - instant;
}

/** The instant a Dutch wall clock shows `hour:minute` on `date` (YYYY-MM-DD), in winter and in summer time. */
export function at(date: string, hour: number, minute = 0): Date {
  const wall = Date.parse(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);
  // The offset at the guess is right except within an hour of a change; a second pass settles it.
  const first = wall - amsterdamOffsetMs(wall);
  return new Date(wall - amsterdamOffsetMs(first));
}

export async function guidanceDemo(trx: Transaction<DB>, school: DemoSchool): Promise<void> {
  const mentorOf: Record<string, string> = { ZW2A: school.users.mentor, ZW2B: school.users.mentorZw2b, VIG3A: school.users.mentorVig, SD4A: school.users.mentorSd };
  await demoConversations(trx, school, mentorOf);
  await demoAppointments(trx, school);
  await demoFeeds(trx, school, mentorOf);
  await demoMessages(trx, school);
  await demoAttendance(trx, school, mentorOf);
}

async function demoConversations(trx: Transaction<DB>, school: DemoSchool, mentorOf: Record<string, string>) {
  const { random, today, users } = school;
  const period = periodStart(today);
  const daysIntoPeriod = Math.max(0, Math.round((Date.parse(today) - Date.parse(period)) / 86_400_000));
  for (const student of school.students) {
    const isSanne = student.id === users.student;
    const mentor = mentorOf[student.groupCode];
    // one conversation in the previous period, and for about half of the others one in this period
    const held: string[] = [addDays(period, -random.int(14, 60))];
    if (!isSanne && daysIntoPeriod > 1 && random.next() < 0.5) held.push(addDays(period, random.int(0, daysIntoPeriod - 1)));
    for (const [k, heldOn] of held.entries()) {
      const id = crypto.randomUUID();
      await trx
        .insertInto('guidance_conversations')
        .values({
          id,
          student_id: student.id,
          mentor_id: mentor,
          institution_id: school.institutionId,
          planned_at: at(heldOn, 10, 30),
          status: 'held',
          held_on: heldOn,
          prepared_at: at(addDays(heldOn, -1), 20),
          prep_answers: JSON.stringify({ terugkijken: 'Ik heb veel geleerd op stage.', reflecteren: 'Plannen vind ik moeilijk.', vooruitkijken: 'Ik wil weten of niveau 3 bij mij past.' }) as any,
          step_terugkijken: random.pick(STEPS.terugkijken),
          step_reflecteren: random.pick(STEPS.reflecteren),
          step_vooruitkijken: random.pick(STEPS.vooruitkijken),
          created_at: at(addDays(heldOn, -14), 9),
        })
        .execute();
      if (k === held.length - 1) {
        const count = isSanne ? 2 : random.int(1, 2);
        for (let a = 0; a < count; a++) {
          const action = AGREEMENTS[(a + random.int(0, AGREEMENTS.length - 1)) % AGREEMENTS.length];
          const dueOn = addDays(heldOn, random.int(14, 42));
          const plan = await addPlanActionFromConversation(trx, { studentId: student.id, action, dueOn, conversationId: id }, at(heldOn, 11));
          await trx.insertInto('guidance_agreements').values({ conversation_id: id, student_id: student.id, action, due_on: dueOn, owner: 'student', plan_action_id: plan.actionId, created_at: at(heldOn, 11) }).execute();
        }
        await trx.insertInto('guidance_conversation_notes').values([
          { conversation_id: id, author_id: mentor, visibility: 'shared', body: 'Fijn gesprek. Je weet goed wat je wilt uitzoeken.', created_at: at(heldOn, 11) },
          { conversation_id: id, author_id: mentor, visibility: 'private', body: 'Let op: thuis speelt er veel. Volgende keer vragen hoe het gaat.', created_at: at(heldOn, 11, 5) },
        ]).execute();
      }
    }
  }
  // Sanne's next conversation is planned in three days; she has not prepared yet.
  const plannedOn = addDays(today, 3);
  const convId = crypto.randomUUID();
  await trx.insertInto('guidance_conversations').values({ id: convId, student_id: users.student, mentor_id: users.mentor, institution_id: school.institutionId, planned_at: at(plannedOn, 14), created_at: at(today, 9) }).execute();
  const ap = await trx
    .insertInto('guidance_appointments')
    .values({ institution_id: school.institutionId, organiser_id: users.mentor, kind: 'conversation', title: 'Loopbaangesprek', location: 'Lokaal 2.14', starts_at: at(plannedOn, 14), ends_at: at(plannedOn, 14, 30), student_id: users.student, conversation_id: convId, created_at: at(today, 9) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('guidance_invitations').values([
    { appointment_id: ap.id, user_id: users.student, response: 'pending' },
    { appointment_id: ap.id, user_id: users.mentor, response: 'accepted', responded_at: at(today, 9) },
  ]).execute();
  await trx.insertInto('guidance_notifications').values({ user_id: users.student, kind: 'conversation_planned', params: JSON.stringify({ when: `${plannedOn} 14:00` }) as any, link: `/gesprekken/${convId}`, created_at: at(today, 9) }).execute();
}

async function demoAppointments(trx: Transaction<DB>, school: DemoSchool) {
  const { today, users } = school;
  const visitOn = addDays(today, 8);
  const visit = await trx
    .insertInto('guidance_appointments')
    .values({ institution_id: school.institutionId, organiser_id: users.mentor, kind: 'internship_visit', title: 'Stagebezoek Zorgcentrum De Linde', location: 'Zorgcentrum De Linde, Amersfoort', starts_at: at(visitOn, 10), ends_at: at(visitOn, 11), student_id: users.student, created_at: at(today, 9) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('guidance_invitations').values([
    { appointment_id: visit.id, user_id: users.mentor, response: 'accepted', responded_at: at(today, 9) },
    { appointment_id: visit.id, user_id: users.student, response: 'accepted', responded_at: at(today, 9) },
    { appointment_id: visit.id, user_id: users.praktijk, response: 'pending' },
  ]).execute();
  const openDay = addDays(today, 12);
  const lob = await trx
    .insertInto('guidance_appointments')
    .values({ institution_id: school.institutionId, organiser_id: users.mentor, kind: 'lob_activity', title: 'Open dag Verzorgende-IG (niveau 3)', location: 'ROC Koersland, Locatie Centrum', starts_at: at(openDay, 15), ends_at: at(openDay, 17), created_at: at(today, 9) })
    .returning('id')
    .executeTakeFirstOrThrow();
  const zw2a = school.students.filter((s) => s.groupCode === 'ZW2A');
  await trx.insertInto('guidance_invitations').values([
    { appointment_id: lob.id, user_id: users.mentor, response: 'accepted', responded_at: at(today, 9) },
    ...zw2a.map((s) => ({ appointment_id: lob.id, user_id: s.id, response: 'pending' as const })),
  ]).execute();
}

async function demoFeeds(trx: Transaction<DB>, school: DemoSchool, mentorOf: Record<string, string>) {
  const { random, today } = school;
  for (const [code, groupId] of Object.entries(school.groups)) {
    const members = school.students.filter((s) => s.groupCode === code);
    for (let k = 0; k < 3; k++) {
      const author = k === 0 ? mentorOf[code] : random.pick(members).id;
      const posted = at(addDays(today, -(k * 3 + random.int(1, 2))), 9 + k);
      const post = await trx.insertInto('guidance_feed_posts').values({ group_id: groupId, author_id: author, body: POSTS[(k + random.int(0, POSTS.length - 1)) % POSTS.length], created_at: posted }).returning('id').executeTakeFirstOrThrow();
      const replier = random.pick(members).id;
      await trx.insertInto('guidance_feed_posts').values({ group_id: groupId, author_id: replier, parent_id: post.id, body: random.pick(REPLIES), created_at: new Date(posted.getTime() + 3_600_000) }).execute();
      const likers = [...new Set([random.pick(members).id, random.pick(members).id])];
      await trx.insertInto('guidance_feed_reactions').values(likers.map((u) => ({ post_id: post.id, user_id: u, reaction: 'like' as const }))).execute();
    }
  }
}

async function demoMessages(trx: Transaction<DB>, school: DemoSchool) {
  const { today, users } = school;
  const s = users.student;
  await trx.insertInto('guidance_messages').values([
    { student_id: s, sender_id: users.mentor, recipient_id: s, body: 'Hoi Sanne, ik heb ons volgende gesprek gepland. Wil je de vragen vooraf invullen?', created_at: at(today, 9, 5) },
    { student_id: s, sender_id: s, recipient_id: users.mentor, body: 'Ja, doe ik! Mag ik ook over mijn stage praten?', created_at: at(addDays(today, -1), 18), read_at: at(addDays(today, -1), 19) },
    { student_id: s, sender_id: users.praktijk, recipient_id: s, body: 'Goed gedaan vandaag bij mevrouw Jansen. Morgen om 8 uur beginnen.', created_at: at(addDays(today, -2), 16), read_at: at(addDays(today, -2), 17) },
    { student_id: s, sender_id: users.ouder, recipient_id: s, body: 'Succes met je gesprek deze week!', created_at: at(addDays(today, -1), 8), read_at: at(addDays(today, -1), 9) },
  ]).execute();
}

/** Two sessions a week per group over the last four weeks; a few students are often absent. */
async function demoAttendance(trx: Transaction<DB>, school: DemoSchool, mentorOf: Record<string, string>) {
  const { random, today } = school;
  const rows: any[] = [];
  const oftenAbsent = new Set(school.students.filter(() => random.next() < 0.1).map((s) => s.id));
  oftenAbsent.delete(school.users.student);
  for (const [code, groupId] of Object.entries(school.groups)) {
    const members = school.students.filter((s) => s.groupCode === code);
    for (let w = 0; w < 4; w++) {
      for (const [k, title] of ['Les LOB', w % 2 === 0 ? 'Loopbaanles: netwerken' : 'Les beroepspraktijk'].entries()) {
        const heldOn = addDays(today, -(w * 7 + 1 + k * 2));
        const session = await trx
          .insertInto('guidance_sessions')
          .values({ institution_id: school.institutionId, group_id: groupId, kind: k === 0 ? 'lob_activity' : 'lesson', title, held_on: heldOn, created_by: mentorOf[code], created_at: at(heldOn, 9) })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (const m of members) {
          const r = random.next();
          const status: AttendanceStatus = oftenAbsent.has(m.id) ? (r < 0.5 ? 'absent_unexcused' : r < 0.7 ? 'absent_excused' : 'present') : r < 0.88 ? 'present' : r < 0.94 ? 'late' : r < 0.97 ? 'absent_excused' : 'absent_unexcused';
          rows.push({ session_id: session.id, student_id: m.id, status, reason: status === 'absent_excused' ? 'Ziek gemeld' : '', recorded_by: mentorOf[code], recorded_at: at(heldOn, 9, 15) });
        }
      }
    }
  }
  for (let i = 0; i < rows.length; i += 500) await trx.insertInto('guidance_attendance').values(rows.slice(i, i + 500)).execute();
}
