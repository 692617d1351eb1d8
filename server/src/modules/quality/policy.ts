import { allow, defineAction, hasRole, hasRoleIn, type Actor } from '../../platform/policy.js';
import type { Role } from '../org/tables.js';

/**
 * Kwaliteit: the LOB-coördinator, the manager and the administrator of an institution run its
 * questionnaires and scans and keep its Kwaliteitskaart. Whoever is invited answers, once. A
 * student panel shows its results to the students who took part. No rule here ever gives
 * anyone a single anonymous response: reports are aggregates with suppression.
 */
export const QUALITY_ROLES: readonly Role[] = ['lob_coordinator', 'manager', 'institution_admin'];

export interface QuestionnaireResource {
  id: string;
  institutionId: string;
  teamId: string | null;
  createdBy: string | null;
  anonymous: boolean;
  panel: boolean;
  status: 'draft' | 'open' | 'closed';
  /** the reader is invited */
  invited: boolean;
  /** the reader has answered (known from the invitation, never from the response) */
  responded: boolean;
  private: true;
}

export interface ActionResource {
  id: string;
  institutionId: string;
  teamId: string | null;
  ownerId: string | null;
  /** the reader is a member of the action's team */
  teamMember: boolean;
  private: true;
}

export const runsQuality = (actor: Actor, institutionId: string) => hasRoleIn(actor, QUALITY_ROLES, [institutionId]);

defineAction('quality.questionnaire.create', 'The LOB-coördinator, manager or administrator creates a questionnaire or scan');
allow('quality.questionnaire.create', (actor) => QUALITY_ROLES.some((r) => hasRole(actor, r)));

defineAction('quality.questionnaires.list', 'List the questionnaires and scans of the institution');
allow('quality.questionnaires.list', (actor) => QUALITY_ROLES.some((r) => hasRole(actor, r)));

defineAction('quality.questionnaire.manage', 'Change, import into, distribute, remind and close a questionnaire of the institution');
allow<QuestionnaireResource>('quality.questionnaire.manage', (actor, q) => runsQuality(actor, q.institutionId));

defineAction('quality.questionnaire.report', 'Read the aggregated results of a questionnaire (suppressed below the threshold)');
allow<QuestionnaireResource>('quality.questionnaire.report', (actor, q) => runsQuality(actor, q.institutionId));

defineAction('quality.questionnaire.results', 'Read the results: the institution, or a student who took part in a panel');
allow<QuestionnaireResource>('quality.questionnaire.results', (actor, q) => runsQuality(actor, q.institutionId));
allow<QuestionnaireResource>('quality.questionnaire.results', (_actor, q) => q.panel && q.responded);

defineAction('quality.questionnaire.respond', 'An invitee answers an open questionnaire, once (the service says 409 when closed or answered)');
allow<QuestionnaireResource>('quality.questionnaire.respond', (_actor, q) => q.invited);

defineAction('quality.questionnaire.form', 'An invitee, or the institution, reads the questions');
allow<QuestionnaireResource>('quality.questionnaire.form', (_actor, q) => q.invited);
allow<QuestionnaireResource>('quality.questionnaire.form', (actor, q) => runsQuality(actor, q.institutionId));

defineAction('quality.invitations.own', 'Anyone signed in sees the questionnaires they are invited to');
allow('quality.invitations.own', () => true);

defineAction('quality.actions.create', 'Add an action to the Kwaliteitskaart');
allow('quality.actions.create', (actor) => QUALITY_ROLES.some((r) => hasRole(actor, r)));

defineAction('quality.actions.list', 'The Kwaliteitskaart: staff see their institution’s actions');
allow('quality.actions.list', (actor) => QUALITY_ROLES.some((r) => hasRole(actor, r)) || hasRole(actor, 'docent') || hasRole(actor, 'mentor'));

defineAction('quality.action.update', 'Change an action: the institution’s quality roles, or its owner (status and evidence)');
allow<ActionResource>('quality.action.update', (actor, a) => runsQuality(actor, a.institutionId));
allow<ActionResource>('quality.action.update', (actor, a) => a.ownerId === actor.userId);
