import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { DemoSchool } from '../db/demo.js';
import type { Deps, RouteDef } from '../platform/http.js';
import type { PrivacyProvider } from '../platform/privacy.js';
import { identityPrivacy } from './identity/privacy.js';
import { orgPrivacy } from './org/privacy.js';
import type { SessionStore } from './identity/sessions.js';
import { identityRoutes } from './identity/routes.js';
import { accountRoutes } from './identity/account-routes.js';
import { oidcRoutes } from './identity/oidc-routes.js';
import { orgRoutes } from './org/routes.js';
import { rosterRoutes } from './roster/routes.js';
import { rosterPrivacy } from './roster/privacy.js';
import { portfolioRoutes } from './portfolio/routes.js';
import { portfolioPrivacy } from './portfolio/privacy.js';
import { portfolioDemo } from './portfolio/demo.js';
import { adminRoutes } from './admin/routes.js';
import { programmeRoutes } from './programme/routes.js';
import { programmePrivacy } from './programme/privacy.js';
import { programmeDemo } from './programme/demo.js';
import { libraryRoutes } from './library/routes.js';
import { libraryPrivacy } from './library/privacy.js';
import { guidanceRoutes } from './guidance/routes.js';
import { guidancePrivacy } from './guidance/privacy.js';
import { guidanceDemo } from './guidance/demo.js';
import { regionRoutes } from './region/routes.js';
import { regionPrivacy } from './region/privacy.js';
import { regionDemo } from './region/demo.js';
import { privacyRoutes } from './privacy/routes.js';
import { transitionRoutes } from './transition/routes.js';
import { transitionPrivacy } from './transition/privacy.js';
import { transitionDemo } from './transition/demo.js';
import { exploreRoutes } from './explore/routes.js';
import { explorePrivacy } from './explore/privacy.js';
import { exploreDemo } from './explore/demo.js';

export interface ModuleContext {
  deps: Deps;
  sessions: SessionStore;
}

export interface KoersModule {
  name: string;
  routes(ctx: ModuleContext): RouteDef[];
  /** what personal data the module stores, and its export and erasure for one person */
  privacy?: PrivacyProvider;
  /** adds the module's demo content to the demo school (same data every run: use school.random) */
  demo?: (trx: Transaction<DB>, school: DemoSchool) => Promise<void>;
}

/** Every capability, one entry each. Add a module here to mount its routes. */
export const allModules: KoersModule[] = [
  { name: 'identity', routes: ({ deps, sessions }) => [...identityRoutes(sessions), ...oidcRoutes(deps, sessions), ...accountRoutes(sessions)], privacy: identityPrivacy },
  { name: 'org', routes: () => orgRoutes(), privacy: orgPrivacy },
  { name: 'roster', routes: () => rosterRoutes(), privacy: rosterPrivacy },
  { name: 'portfolio', routes: () => portfolioRoutes(), privacy: portfolioPrivacy, demo: portfolioDemo },
  { name: 'admin', routes: ({ sessions }) => adminRoutes(sessions) },
  { name: 'programme', routes: () => programmeRoutes(), privacy: programmePrivacy, demo: programmeDemo },
  { name: 'library', routes: () => libraryRoutes(), privacy: libraryPrivacy },
  { name: 'guidance', routes: () => guidanceRoutes(), privacy: guidancePrivacy, demo: guidanceDemo },
  { name: 'region', routes: () => regionRoutes(), privacy: regionPrivacy, demo: regionDemo },
  { name: 'explore', routes: ({ deps }) => exploreRoutes(deps), privacy: explorePrivacy, demo: exploreDemo },
  { name: 'transition', routes: () => transitionRoutes(), privacy: transitionPrivacy, demo: transitionDemo },
  // Export and erasure across every module above (and below) through their privacy providers.
  { name: 'privacy', routes: ({ sessions }) => privacyRoutes(sessions, () => allModules) },
];
