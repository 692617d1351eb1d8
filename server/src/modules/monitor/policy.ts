import { allow, defineAction, hasRoleIn, type Actor } from '../../platform/policy.js';
import type { Role } from '../org/tables.js';
import type { Level } from './indicators.js';

/**
 * Who sees which level of the monitor. The people who steer: the opleidingsmanager (team leader)
 * their own team's figures, its opleidingen and groups; the LOB-coördinator and the
 * administrator the whole institution; the regional coordinator the region. Everyone of these
 * sees the institution (their own), region and nation totals to compare with. Drill-down stops
 * where access stops: a team leader never opens another team's figures.
 */
export const INSTITUTION_WIDE: readonly Role[] = ['lob_coordinator', 'institution_admin'];
export const TEAM_LEADERS: readonly Role[] = ['manager'];
export const REGIONAL: readonly Role[] = ['regional_coordinator'];
export const MONITOR_ROLES: readonly Role[] = [...INSTITUTION_WIDE, ...TEAM_LEADERS, ...REGIONAL];

export interface MonitorScope {
  level: Level;
  /** the scope id: a group, team, programme, institution or region id; null for the nation */
  id: string | null;
  name: string;
  /** the institution a group, team, opleiding or institution belongs to */
  institutionId?: string;
  /** the team that runs it (group, opleiding, team) */
  teamId: string | null;
  /** the reader is a member of that team */
  readerInTeam: boolean;
  /** organisations in the region (the institutions, and the gemeente/RMC of regional staff) */
  regionMembers: string[];
  private: false;
}

export const canSeeLevel = (actor: Actor, s: MonitorScope): boolean => {
  const inInstitution = (roles: readonly Role[]) => !!s.institutionId && hasRoleIn(actor, roles, [s.institutionId]);
  switch (s.level) {
    case 'nation':
      return actor.roles.some((r) => MONITOR_ROLES.includes(r.role));
    case 'region':
      return hasRoleIn(actor, MONITOR_ROLES, s.regionMembers);
    case 'institution':
      return inInstitution([...INSTITUTION_WIDE, ...TEAM_LEADERS]);
    default:
      return inInstitution(INSTITUTION_WIDE) || (s.readerInTeam && inInstitution(TEAM_LEADERS));
  }
};

defineAction('monitor.indicators.read', 'See the LOB indicators of a level the role allows');
allow<MonitorScope>('monitor.indicators.read', canSeeLevel);

export interface InstitutionScope {
  institutionId?: string;
  private: false;
}

defineAction('monitor.export', 'The LOB-coördinator or administrator exports the institution aggregates as a national feed');
allow<InstitutionScope>('monitor.export', (actor, s) => !!s.institutionId && hasRoleIn(actor, INSTITUTION_WIDE, [s.institutionId]));

defineAction('monitor.refresh', 'The LOB-coördinator or administrator refreshes the institution figures now');
allow<InstitutionScope>('monitor.refresh', (actor, s) => !!s.institutionId && hasRoleIn(actor, INSTITUTION_WIDE, [s.institutionId]));

defineAction('monitor.feed.import', 'The administrator imports national feeds of other Koers installations');
allow<InstitutionScope>('monitor.feed.import', (actor, s) => !!s.institutionId && hasRoleIn(actor, ['institution_admin'], [s.institutionId]));
