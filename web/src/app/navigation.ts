import type { Role } from './auth';

/** Main navigation. Each feature adds its entries here with the roles that see them. */
export interface NavItem {
  path: string;
  /** i18n key in the 'nav' namespace */
  label: string;
  roles: Role[] | 'all';
}

export const NAV_ITEMS: NavItem[] = [
  { path: '/', label: 'home', roles: 'all' },
  { path: '/portfolio', label: 'portfolio', roles: ['student'] },
  { path: '/begeleiding', label: 'caseload', roles: ['mentor'] },
  { path: '/gesprekken', label: 'conversations', roles: ['student'] },
  { path: '/agenda', label: 'agenda', roles: ['student', 'mentor', 'docent', 'parent', 'praktijkopleider'] },
  { path: '/groepen', label: 'groups', roles: ['student', 'mentor', 'docent'] },
  { path: '/berichten', label: 'messages', roles: ['student', 'mentor', 'parent', 'praktijkopleider'] },
  { path: '/aanwezigheid', label: 'attendance', roles: ['mentor', 'docent'] },
  { path: '/meldingen', label: 'notifications', roles: 'all' },
  { path: '/beheer', label: 'admin', roles: ['institution_admin', 'lob_coordinator', 'manager'] },
  { path: '/lob/voortgang', label: 'lobStatus', roles: ['student'] },
  { path: '/opdrachten', label: 'assignments', roles: ['student'] },
  { path: '/verkennen', label: 'explore', roles: 'all' },
  { path: '/lob/activiteiten', label: 'activities', roles: ['student', 'mentor', 'docent', 'lob_coordinator', 'manager', 'institution_admin'] },
  { path: '/loopbaanmagazijn', label: 'library', roles: ['mentor', 'docent', 'lob_coordinator', 'manager', 'institution_admin'] },
  { path: '/lob/resultaten', label: 'results', roles: ['mentor', 'lob_coordinator', 'manager', 'institution_admin', 'examencommissie'] },
  { path: '/lob/programma', label: 'programme', roles: ['lob_coordinator', 'manager', 'institution_admin'] },
  { path: '/lob/doelgroepen', label: 'targetGroups', roles: ['lob_coordinator', 'manager'] },
  { path: '/vragenlijsten', label: 'questionnaires', roles: ['student', 'mentor', 'docent'] },
  { path: '/kwaliteit', label: 'quality', roles: ['lob_coordinator', 'manager', 'institution_admin'] },
  { path: '/monitor', label: 'monitor', roles: ['manager', 'lob_coordinator', 'institution_admin', 'regional_coordinator'] },
  { path: '/regio', label: 'region', roles: ['rmc_trajectbegeleider', 'leerplichtambtenaar', 'jongerencoach', 'regional_coordinator'] },
  { path: '/overstap', label: 'transition', roles: ['student', 'parent', 'decaan', 'intake', 'lob_coordinator'] },
  { path: '/account', label: 'account', roles: 'all' },
  { path: '/mijn-gegevens', label: 'myData', roles: 'all' },
];
