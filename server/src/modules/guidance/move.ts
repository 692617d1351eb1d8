import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { AppError, badRequest } from '../../platform/errors.js';
import { formatWhen, mailNotifications, notify, type NewNotification } from './notifications.js';

type D = Pick<Deps, 'db' | 'clock' | 'audit' | 'mailer' | 'config'>;

/**
 * Moving an appointment or a career conversation. Either side proposes a new time: the
 * organiser (the mentor) or an invitee (the student, the praktijkopleider). The other side
 * accepts or declines: an invitee's proposal is decided by the organiser, the organiser's by
 * an invitee. On acceptance the appointment keeps its id (the calendar UID) and its SEQUENCE
 * goes up, so calendar apps move their copy; reminders are sent again for the new time.
 */
export interface ProposalView {
  id: string;
  startsAt: string;
  endsAt: string;
  status: 'pending' | 'accepted' | 'declined';
  proposedBy: string | null;
}

async function otherSide(deps: Pick<Deps, 'db'>, appointmentId: string, proposer: string): Promise<{ organiserId: string | null; title: string; people: string[] }> {
  const a = await deps.db.selectFrom('guidance_appointments').select(['organiser_id', 'title']).where('id', '=', appointmentId).executeTakeFirstOrThrow();
  const invitees = await deps.db.selectFrom('guidance_invitations').select('user_id').where('appointment_id', '=', appointmentId).execute();
  const everyone = [...new Set([a.organiser_id, ...invitees.map((i) => i.user_id)].filter((u): u is string => !!u))];
  const people = proposer === a.organiser_id ? everyone.filter((u) => u !== proposer) : a.organiser_id ? [a.organiser_id] : [];
  return { organiserId: a.organiser_id, title: a.title, people };
}

export async function proposeTime(deps: D, actor: Actor, appointmentId: string, input: { startsAt: string; endsAt?: string }): Promise<ProposalView> {
  const now = deps.clock.now();
  const current = await deps.db.selectFrom('guidance_appointments').select(['starts_at', 'ends_at']).where('id', '=', appointmentId).executeTakeFirstOrThrow();
  const startsAt = new Date(input.startsAt);
  if (startsAt <= now) throw badRequest('validation_failed', { startsAt: 'Kies een tijd in de toekomst.' });
  // Without an end the appointment keeps its length.
  const endsAt = input.endsAt ? new Date(input.endsAt) : new Date(startsAt.getTime() + (current.ends_at.getTime() - current.starts_at.getTime()));
  const side = await otherSide(deps, appointmentId, actor.userId);
  const notes: NewNotification[] = side.people.map((userId) => ({
    userId,
    kind: 'appointment_move_proposed',
    params: { name: actor.displayName, title: side.title, when: formatWhen(startsAt) },
    link: '/agenda',
  }));
  const row = await deps.db.transaction().execute(async (trx) => {
    // One open proposal at a time: a new one replaces the earlier.
    await trx.updateTable('guidance_time_proposals').set({ status: 'declined', decided_by: actor.userId, decided_at: now }).where('appointment_id', '=', appointmentId).where('status', '=', 'pending').execute();
    const p = await trx
      .insertInto('guidance_time_proposals')
      .values({ appointment_id: appointmentId, proposed_by: actor.userId, starts_at: startsAt, ends_at: endsAt, created_at: now })
      .returning(['id', 'starts_at', 'ends_at', 'status', 'proposed_by'])
      .executeTakeFirstOrThrow();
    await notify(trx, notes, now);
    return p;
  });
  await mailNotifications(deps, notes);
  return { id: row.id, startsAt: row.starts_at.toISOString(), endsAt: row.ends_at.toISOString(), status: row.status, proposedBy: row.proposed_by };
}

export async function listProposals(deps: Pick<Deps, 'db'>, appointmentId: string): Promise<ProposalView[]> {
  const rows = await deps.db
    .selectFrom('guidance_time_proposals')
    .select(['id', 'starts_at', 'ends_at', 'status', 'proposed_by'])
    .where('appointment_id', '=', appointmentId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((p) => ({ id: p.id, startsAt: p.starts_at.toISOString(), endsAt: p.ends_at.toISOString(), status: p.status, proposedBy: p.proposed_by }));
}

/** The other side accepts (the appointment moves) or declines; the proposer and invitees hear of it. */
export async function decideProposal(deps: D, actor: Actor, appointmentId: string, proposalId: string, decision: 'accept' | 'decline', ip?: string): Promise<void> {
  const now = deps.clock.now();
  const p = await deps.db.selectFrom('guidance_time_proposals').selectAll().where('id', '=', proposalId).where('appointment_id', '=', appointmentId).executeTakeFirst();
  if (!p) throw new AppError(404, 'not_found');
  if (p.status !== 'pending') throw new AppError(409, 'proposal_decided');
  const side = await otherSide(deps, appointmentId, p.proposed_by ?? '');
  if (!side.people.includes(actor.userId)) throw new AppError(403, 'forbidden');
  const notes: NewNotification[] = [];
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('guidance_time_proposals').set({ status: decision === 'accept' ? 'accepted' : 'declined', decided_by: actor.userId, decided_at: now }).where('id', '=', proposalId).execute();
    if (decision === 'decline') {
      if (p.proposed_by) notes.push({ userId: p.proposed_by, kind: 'appointment_move_declined', params: { name: actor.displayName, title: side.title }, link: '/agenda' });
    } else {
      const a = await trx
        .updateTable('guidance_appointments')
        .set((eb) => ({ starts_at: p.starts_at, ends_at: p.ends_at, sequence: eb('sequence', '+', 1) }))
        .where('id', '=', appointmentId)
        .returning(['conversation_id'])
        .executeTakeFirstOrThrow();
      if (a.conversation_id) {
        await trx.updateTable('guidance_conversations').set({ planned_at: p.starts_at }).where('id', '=', a.conversation_id).where('status', '=', 'planned').execute();
      }
      // A reminder goes out again for the new time.
      await trx.updateTable('guidance_invitations').set({ reminded_at: null }).where('appointment_id', '=', appointmentId).execute();
      const everyone = [...new Set([side.organiserId, ...(await trx.selectFrom('guidance_invitations').select('user_id').where('appointment_id', '=', appointmentId).execute()).map((i) => i.user_id)])];
      for (const userId of everyone) {
        if (userId && userId !== actor.userId) notes.push({ userId, kind: 'appointment_moved', params: { title: side.title, when: formatWhen(p.starts_at) }, link: '/agenda' });
      }
      await deps.audit.record({ action: 'guidance.appointment.move', actorId: actor.userId, subjectType: 'appointment', subjectId: appointmentId, ip, details: { proposalId } }, trx);
    }
    await notify(trx, notes, now);
  });
  await mailNotifications(deps, notes);
}
