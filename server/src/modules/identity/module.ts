import type { KoersModule } from '../manifest.js';
import { identityRoutes } from './routes.js';
import { accountRoutes } from './account-routes.js';
import { oidcRoutes } from './oidc-routes.js';
import { identityPrivacy } from './privacy.js';

/** Identity: sign-in, sessions, second factor, federated login, password reset and invitations. */
export const identityModule: KoersModule = {
  name: 'identity',
  routes: ({ deps, sessions }) => [...identityRoutes(sessions), ...oidcRoutes(deps, sessions), ...accountRoutes(sessions)],
  privacy: identityPrivacy,
};
