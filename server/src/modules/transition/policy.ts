import { allow, defineAction, type Actor } from '../../platform/policy.js';
import type { Role } from '../org/tables.js';
import type { TransferStatus } from './tables.js';

/**
 * Who may do what with a transfer (overstapdossier). Every right names the institution that
 * grants it: the sending school through its decaan, LOB-coördinator or the pupil's own mentor
 * there; the receiving school through its intake officer or LOB-coördinator there, and only
 * once the form was sent. A person with roles at both schools acts at each through its own role
 * only. The pupil and the parents see what will be and what was sent.
 */
export const SENDER_ROLES: readonly Role[] = ['decaan', 'lob_coordinator'];
export const RECEIVER_ROLES: readonly Role[] = ['intake', 'lob_coordinator'];
/** Who may see the warm-handover figures of their own (sending) school. */
export const HANDOVER_READER_ROLES: readonly Role[] = ['decaan', 'lob_coordinator', 'manager', 'institution_admin'];

export interface TransferRelation {
  self: boolean;
  /** parent on record who may see the record (under 18, or opted in) */
  parent: boolean;
  /** decaan or LOB-coördinator at the sending institution, or the pupil's mentor there */
  sender: boolean;
  /** intake officer or LOB-coördinator at the receiving institution */
  receiver: boolean;
}

export interface TransferResource {
  id: string;
  studentId: string;
  institutionId: string;
  toInstitutionId: string | null;
  status: TransferStatus;
  rel: TransferRelation;
  /** 404 instead of 403 for whoever may not even read it */
  private: boolean;
}

/** The receiving school sees a transfer only once it was sent to it. */
export const receives = (r: TransferResource) => r.rel.receiver && r.status !== 'draft';

defineAction('transfer.read', 'Read a transfer form: the pupil, the parents, the sending school, and the receiving school once sent');
allow<TransferResource>('transfer.read', (_a, r) => r.rel.self || r.rel.parent || r.rel.sender || receives(r));

defineAction('transfer.update', 'Fill in the form while it is a draft: the pupil their part, the sending school its part');
allow<TransferResource>('transfer.update', (_a, r) => r.status === 'draft' && (r.rel.self || r.rel.sender));

defineAction('transfer.consent', 'The pupil, and a parent of a pupil under 16, agree to sending the form');
allow<TransferResource>('transfer.consent', (_a, r) => r.rel.self || r.rel.parent);

defineAction('transfer.send', 'The sending school sends the form once the consent it needs is there');
allow<TransferResource>('transfer.send', (_a, r) => r.rel.sender);

defineAction('transfer.accept', 'The receiving school accepts a transfer sent to it');
allow<TransferResource>('transfer.accept', (_a, r) => receives(r));

defineAction('transfer.intake', 'The receiving school plans and records the intake conversation and its outcome');
allow<TransferResource>('transfer.intake', (_a, r) => receives(r) && r.status === 'accepted');

defineAction('transfer.status', 'Record a status of the transition: the receiving school, or the sending school for a leaver to work');
allow<TransferResource>('transfer.status', (_a, r) => receives(r) && r.status === 'accepted');
allow<TransferResource>('transfer.status', (_a, r) => r.rel.sender && r.status !== 'draft');

defineAction('transfer.export', 'Export the form as PDF or JSON: whoever may read it');
allow<TransferResource>('transfer.export', (_a, r) => r.rel.self || r.rel.parent || r.rel.sender || receives(r));

/** Creating a transfer: decided on the pupil and the reader's place at the pupil's school. */
export interface NewTransferResource {
  studentId: string;
  institutionId: string;
  self: boolean;
  sender: boolean;
  private: true;
}
defineAction('transfer.create', 'The pupil applies, or the sending school starts a transfer form for its pupil');
allow<NewTransferResource>('transfer.create', (_a, r) => r.self || r.sender);

const hasAnyRole = (actor: Actor) => actor.roles.length > 0;

defineAction('transfers.list', 'List transfers: filtered in SQL by the reader’s own relations and roles');
allow('transfers.list', hasAnyRole);

defineAction('institutions.search', 'Search institutions of every type to choose a destination (public facts)');
allow('institutions.search', hasAnyRole);

defineAction('transition.handover.read', 'The warm-handover figures and leavers of one’s own school');
allow('transition.handover.read', (actor: Actor) => actor.roles.some((r) => HANDOVER_READER_ROLES.includes(r.role)));

defineAction('transfer.import', 'The receiving school imports a form sent by a school without Koers');
allow('transfer.import', (actor: Actor) => actor.roles.some((r) => RECEIVER_ROLES.includes(r.role)));
