import { allow, defineAction, type Actor } from '../../platform/policy.js';
import { REGIONAL_ROLES, type Role } from '../org/tables.js';
import type { LegalBasis } from './tables.js';

/**
 * Who may do what in the sluitende aanpak. Regional roles belong to a gemeente or RMC
 * organisation; each reads a young person only on a legal basis recorded per role in
 * region_legal_bases (leerplicht up to 18, the RMC task 18–23, consent beyond) and only in
 * its own RMC region. The basis is decided in SQL (access.ts), for lists and single records
 * alike; the rules here read the facts it returns. School staff hold no regional role and so
 * never reach the regional overview.
 */
export const isRegional = (actor: Actor) => actor.roles.some((r) => (REGIONAL_ROLES as readonly Role[]).includes(r.role));
export const hasRegionalRole = (actor: Actor, roles: readonly Role[]) => actor.roles.some((r) => roles.includes(r.role));

/** Roles that register young people (imports) and keep the sociale kaart. */
export const REGISTRARS: readonly Role[] = ['rmc_trajectbegeleider', 'leerplichtambtenaar', 'regional_coordinator'];

/** A young person of the registry and the reader's access to them. */
export interface YouthResource {
  id: string;
  rmcRegionId: string;
  /** the young person's own account, for the audit log */
  studentId?: string;
  /** the gemeente/RMC organisation whose role grants the access */
  institutionId?: string;
  /** the legal basis the reader has for this young person today, or null */
  legalBasis: LegalBasis | null;
  /** the reader's regional role that carries the basis */
  viaRole: Role | null;
  /** the reader takes part in a meeting that discusses this young person, and it is running now */
  inMeetingWindow: boolean;
  private: true;
}

defineAction('region.youth.list', 'A regional user lists the young people of their region they have a legal basis for');
allow('region.youth.list', (actor) => isRegional(actor));

defineAction('region.youth.read', 'Read one young person of the registry with their case (legal basis or a running meeting)');
allow<YouthResource>('region.youth.read', (actor, y) => isRegional(actor) && y.legalBasis !== null);
allow<YouthResource>('region.youth.read', (_actor, y) => y.inMeetingWindow);

defineAction('region.case.write', 'Assign the case owner, record actions and follow-up dates, close the case with an outcome');
allow<YouthResource>('region.case.write', (actor, y) => isRegional(actor) && y.legalBasis !== null);

defineAction('region.import', 'Import school leavers or municipal registrations into the registry of the region');
allow('region.import', (actor) => hasRegionalRole(actor, REGISTRARS));

defineAction('region.legal_bases.read', 'Read the legal basis of each regional role');
allow('region.legal_bases.read', (actor) => isRegional(actor));

defineAction('region.signals.read', 'The regional coordinator reads the cases that need attention (follow-up date passed without activity, no owner)');
allow('region.signals.read', (actor) => hasRegionalRole(actor, ['regional_coordinator']));

defineAction('region.own.read', 'A young person reads their own record in the regional registry and who read it');
allow('region.own.read', () => true);

/** A meeting (overleg) and the reader's relation to it. */
export interface MeetingResource {
  id: string;
  rmcRegionId: string;
  participant: boolean;
  /** starts_at ≤ now < ends_at */
  running: boolean;
  /** holds a regional role in the meeting's region */
  regionalStaff: boolean;
  organiser: boolean;
  /** hidden (404) from anyone who is not a participant, organiser or regional worker of the region */
  private: boolean;
}

/** Roles that organise meetings in their region. */
export const ORGANISERS: readonly Role[] = ['rmc_trajectbegeleider', 'leerplichtambtenaar', 'jongerencoach', 'regional_coordinator'];

defineAction('region.meetings.list', 'List the meetings one takes part in or organised');
allow('region.meetings.list', () => true);

defineAction('region.meeting.create', 'A regional worker plans a meeting with participants and young people on the agenda');
allow('region.meeting.create', (actor) => hasRegionalRole(actor, ORGANISERS));

defineAction('region.meeting.read', 'Read a meeting: participants and organiser; the agenda only as need-to-know allows');
allow<MeetingResource>('region.meeting.read', (_actor, m) => m.participant || m.organiser || m.regionalStaff);

defineAction('region.meeting.decide', 'A participant records a decision and follow-up action while the meeting runs');
allow<MeetingResource>('region.meeting.decide', (_actor, m) => m.participant && m.running);

/** Roles that read the region's dropout analysis (counts only, small groups hidden). */
export const ANALYSTS: readonly Role[] = ['rmc_trajectbegeleider', 'leerplichtambtenaar', 'regional_coordinator'];

defineAction('region.dropout.read', 'Read the dropout analysis of one\'s region: counts with groups under 10 hidden, and its CSV export');
allow('region.dropout.read', (actor) => hasRegionalRole(actor, ANALYSTS));

/** A service of the sociale kaart and the reader's relation to it. */
export interface ServiceResource {
  id: string;
  rmcRegionId: string;
  /** the service lies in the RMC region of an institution where the reader has a role */
  visible: boolean;
  /** regional coordinator of the service's region */
  coordinator: boolean;
  private: boolean;
}

defineAction('region.services.list', 'Search the sociale kaart of one\'s own region(s); it holds no personal data');
allow('region.services.list', () => true);

defineAction('region.service.read', 'Read one service of the sociale kaart of one\'s own region');
allow<ServiceResource>('region.service.read', (_actor, s) => s.visible);

defineAction('region.service.create', 'The regional coordinator adds a service to the sociale kaart');
allow('region.service.create', (actor) => hasRegionalRole(actor, ['regional_coordinator']));

defineAction('region.service.write', 'The regional coordinator of the region changes or removes a service');
allow<ServiceResource>('region.service.write', (_actor, s) => s.coordinator);

defineAction('region.feedback.read', 'School staff of the school a young person left hear how their case ended (terugkoppeling)');
allow('region.feedback.read', (actor) => actor.roles.some((r) => ['lob_coordinator', 'manager', 'institution_admin', 'decaan'].includes(r.role)));
