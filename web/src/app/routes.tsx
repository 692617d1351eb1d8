import type { RouteObject } from 'react-router';
import type { Role } from './auth';

/**
 * Every page of the client. Pages load lazily so the first load stays small; `roles` limits
 * a page to the people who may use it (the server checks again, always).
 */
export interface PageRoute {
  path: string;
  roles?: Role[];
  /** reachable without signing in */
  public?: boolean;
  load: () => Promise<{ default: React.ComponentType }>;
}

export const PAGES: PageRoute[] = [
  { path: '/inloggen', public: true, load: () => import('../features/identity/LoginPage') },
  { path: '/', load: () => import('../features/home/HomePage') },
  { path: '/studenten/:id', load: () => import('../features/students/StudentPage') },
  { path: '/mijn-gegevens', load: () => import('../features/privacy/MyDataPage') },
  // LOBbook (portfolio): the student's own pages; an entry is also opened by its permitted readers
  { path: '/portfolio', roles: ['student'], load: () => import('../features/portfolio/PortfolioPage') },
  { path: '/portfolio/nieuw', roles: ['student'], load: () => import('../features/portfolio/EntryFormPage') },
  { path: '/portfolio/ervaring/:id', load: () => import('../features/portfolio/EntryPage') },
  { path: '/portfolio/ervaring/:id/bewerken', roles: ['student'], load: () => import('../features/portfolio/EntryFormPage') },
  { path: '/portfolio/zelfbeoordeling', roles: ['student'], load: () => import('../features/portfolio/SelfAssessmentPage') },
  { path: '/portfolio/groei', roles: ['student'], load: () => import('../features/portfolio/GrowthPage') },
  { path: '/portfolio/plan', roles: ['student'], load: () => import('../features/portfolio/PlanPage') },
  { path: '/portfolio/netwerk', roles: ['student'], load: () => import('../features/portfolio/NetworkPage') },
  { path: '/portfolio/reis', roles: ['student'], load: () => import('../features/portfolio/JourneyPage') },
  // guidance (begeleiding): caseload, conversations, agenda, group feed, messages, attendance, notifications
  { path: '/begeleiding', roles: ['mentor'], load: () => import('../features/guidance/CaseloadPage') },
  { path: '/gesprekken', roles: ['student'], load: () => import('../features/guidance/ConversationsPage') },
  { path: '/gesprekken/:id', load: () => import('../features/guidance/ConversationPage') },
  { path: '/agenda', load: () => import('../features/guidance/AgendaPage') },
  { path: '/agenda/plannen', roles: ['mentor', 'docent', 'lob_coordinator'], load: () => import('../features/guidance/PlanAppointmentPage') },
  { path: '/groepen', load: () => import('../features/guidance/GroupsPage') },
  { path: '/groepen/:id', load: () => import('../features/guidance/FeedPage') },
  { path: '/berichten', load: () => import('../features/guidance/MessagesPage') },
  { path: '/berichten/:userId', load: () => import('../features/guidance/ThreadPage') },
  { path: '/aanwezigheid', roles: ['mentor', 'docent'], load: () => import('../features/guidance/AttendancePage') },
  { path: '/aanwezigheid/:id', roles: ['mentor', 'docent'], load: () => import('../features/guidance/SessionPage') },
  { path: '/meldingen', load: () => import('../features/guidance/NotificationsPage') },
  // identity: second sign-in step, account, password reset and invitations
  { path: '/inloggen/tweede-stap', load: () => import('../features/identity/MfaPage') },
  { path: '/account', load: () => import('../features/identity/AccountPage') },
  { path: '/wachtwoord-vergeten', public: true, load: () => import('../features/identity/ForgotPasswordPage') },
  { path: '/wachtwoord-herstellen', public: true, load: () => import('../features/identity/ResetPasswordPage') },
  { path: '/uitnodiging', public: true, load: () => import('../features/identity/InvitationPage') },
  // administration of the institution; structure is readable for coordinator and manager
  { path: '/beheer', roles: ['institution_admin', 'lob_coordinator', 'manager'], load: () => import('../features/admin/OverviewPage') },
  { path: '/beheer/opleidingen', roles: ['institution_admin', 'lob_coordinator', 'manager'], load: () => import('../features/admin/ProgrammesPage') },
  { path: '/beheer/groepen', roles: ['institution_admin', 'lob_coordinator', 'manager'], load: () => import('../features/admin/GroupsPage') },
  { path: '/beheer/groepen/:id', roles: ['institution_admin', 'lob_coordinator', 'manager'], load: () => import('../features/admin/GroupPage') },
  { path: '/beheer/locaties', roles: ['institution_admin', 'lob_coordinator', 'manager'], load: () => import('../features/admin/LocationsPage') },
  { path: '/beheer/teams', roles: ['institution_admin', 'lob_coordinator', 'manager'], load: () => import('../features/admin/TeamsPage') },
  { path: '/beheer/cohorten', roles: ['institution_admin', 'lob_coordinator', 'manager'], load: () => import('../features/admin/CohortsPage') },
  { path: '/beheer/stages', roles: ['institution_admin'], load: () => import('../features/admin/InternshipsPage') },
  { path: '/beheer/gebruikers', roles: ['institution_admin'], load: () => import('../features/admin/UsersPage') },
  { path: '/beheer/gebruikers/:id', roles: ['institution_admin'], load: () => import('../features/admin/UserPage') },
  { path: '/beheer/uitnodigingen', roles: ['institution_admin'], load: () => import('../features/admin/InvitationsPage') },
  { path: '/beheer/inlogmethoden', roles: ['institution_admin'], load: () => import('../features/admin/OidcPage') },
  { path: '/beheer/roster-import', roles: ['institution_admin'], load: () => import('../features/admin/RosterPage') },
  // LOB programme (activities, status, result list) and the Loopbaanmagazijn
  { path: '/lob/activiteiten', roles: ['student', 'mentor', 'docent', 'lob_coordinator', 'manager', 'institution_admin'], load: () => import('../features/programme/ActivitiesPage') },
  { path: '/lob/activiteiten/nieuw', roles: ['mentor', 'docent', 'lob_coordinator', 'manager'], load: () => import('../features/programme/NewActivityPage') },
  { path: '/lob/activiteiten/:id', roles: ['student', 'mentor', 'docent', 'lob_coordinator', 'manager', 'institution_admin'], load: () => import('../features/programme/ActivityPage') },
  { path: '/lob/voortgang', roles: ['student'], load: () => import('../features/programme/StatusPage') },
  { path: '/lob/voortgang/:id', load: () => import('../features/programme/StatusPage') },
  { path: '/lob/voortgang/:id/bewijs/:entryId', load: () => import('../features/programme/RecordPage') },
  { path: '/lob/resultaten', roles: ['mentor', 'lob_coordinator', 'manager', 'institution_admin', 'examencommissie'], load: () => import('../features/programme/ResultsPage') },
  { path: '/lob/programma', roles: ['mentor', 'docent', 'lob_coordinator', 'manager', 'institution_admin'], load: () => import('../features/programme/ProgrammePage') },
  { path: '/lob/doelgroepen', roles: ['lob_coordinator', 'manager'], load: () => import('../features/programme/TargetGroupsPage') },
  { path: '/lob/programma/:id/nieuwe-versie', roles: ['lob_coordinator', 'manager'], load: () => import('../features/programme/VersionEditorPage') },
  { path: '/loopbaanmagazijn', roles: ['mentor', 'docent', 'lob_coordinator', 'manager', 'institution_admin'], load: () => import('../features/library/LibraryPage') },
  { path: '/loopbaanmagazijn/opdrachten/:id', load: () => import('../features/library/AssignmentPage') },
  { path: '/loopbaanmagazijn/:id', load: () => import('../features/library/ExercisePage') },
  { path: '/opdrachten', roles: ['student'], load: () => import('../features/library/MyAssignmentsPage') },
  // Verkennen (explore): programmes, figures, occupations and open activities for everyone; the student's own exploration, alumni and buddies
  { path: '/verkennen', public: true, load: () => import('../features/explore/ExplorePage') },
  { path: '/verkennen/opleidingen/:id', public: true, load: () => import('../features/explore/ProgrammePage') },
  { path: '/verkennen/beroepen', public: true, load: () => import('../features/explore/OccupationsPage') },
  { path: '/verkennen/beroepen/:id', public: true, load: () => import('../features/explore/OccupationPage') },
  { path: '/verkennen/vergelijken', public: true, load: () => import('../features/explore/ComparePage') },
  { path: '/verkennen/activiteiten', public: true, load: () => import('../features/explore/ActivitiesPage') },
  { path: '/verkennen/aanmelden/bevestigen', public: true, load: () => import('../features/explore/ConfirmPage') },
  { path: '/verkennen/mijn', roles: ['student'], load: () => import('../features/explore/MyExplorationPage') },
  { path: '/verkennen/oud-studenten', roles: ['student', 'mentor', 'docent', 'lob_coordinator', 'decaan', 'alumnus'], load: () => import('../features/explore/AlumniPage') },
  { path: '/verkennen/mijn-verhaal', roles: ['alumnus'], load: () => import('../features/explore/StoryPage') },
  { path: '/verkennen/import', roles: ['institution_admin', 'lob_coordinator'], load: () => import('../features/explore/ImportPage') },
  { path: '/verkennen/activiteiten/:id/aanmeldingen', roles: ['mentor', 'docent', 'lob_coordinator', 'manager', 'institution_admin'], load: () => import('../features/explore/SignupsPage') },
  // quality (kwaliteit): questionnaires and scans, the Kwaliteitskaart; answering for every invitee
  { path: '/kwaliteit', roles: ['lob_coordinator', 'manager', 'institution_admin'], load: () => import('../features/quality/QualityPage') },
  { path: '/kwaliteit/vragenlijsten/:id', roles: ['lob_coordinator', 'manager', 'institution_admin'], load: () => import('../features/quality/QuestionnairePage') },
  { path: '/kwaliteit/kaart', roles: ['lob_coordinator', 'manager', 'institution_admin', 'mentor', 'docent'], load: () => import('../features/quality/KaartPage') },
  { path: '/vragenlijsten', load: () => import('../features/quality/MyQuestionnairesPage') },
  // monitor: LOB indicators for the people who steer; national feeds for the administrator
  { path: '/monitor', roles: ['manager', 'lob_coordinator', 'institution_admin', 'regional_coordinator'], load: () => import('../features/monitor/MonitorPage') },
  { path: '/monitor/feeds', roles: ['institution_admin'], load: () => import('../features/monitor/FeedsPage') },
  { path: '/vragenlijsten/:id', load: () => import('../features/quality/RespondPage') },
  // region (sluitende aanpak): the regional overview, a young person's case, signals, dropout analysis, import
  { path: '/regio', roles: ['rmc_trajectbegeleider', 'leerplichtambtenaar', 'jongerencoach', 'regional_coordinator'], load: () => import('../features/region/YouthListPage') },
  { path: '/regio/jongeren/:id', load: () => import('../features/region/YouthPage') },
  { path: '/regio/signalen', roles: ['regional_coordinator'], load: () => import('../features/region/SignalsPage') },
  { path: '/regio/uitval', roles: ['rmc_trajectbegeleider', 'leerplichtambtenaar', 'regional_coordinator'], load: () => import('../features/region/DropoutPage') },
  { path: '/regio/sociale-kaart', load: () => import('../features/region/SocialMapPage') },
  { path: '/regio/import', roles: ['rmc_trajectbegeleider', 'leerplichtambtenaar', 'regional_coordinator'], load: () => import('../features/region/ImportPage') },
  // overstap (transition): transfer forms, intake and the warm-handover figures
  { path: '/overstap', load: () => import('../features/transition/TransfersPage') },
  { path: '/overstap/warme-overdracht', roles: ['decaan', 'lob_coordinator', 'manager', 'institution_admin'], load: () => import('../features/transition/HandoverPage') },
  { path: '/overstap/:id', load: () => import('../features/transition/TransferPage') },
];

export type { RouteObject };
