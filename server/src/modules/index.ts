import type { Deps, RouteDef } from '../platform/http.js';
import type { SessionStore } from './identity/sessions.js';
import { identityRoutes } from './identity/routes.js';
import { orgRoutes } from './org/routes.js';

export interface ModuleContext {
  deps: Deps;
  sessions: SessionStore;
}

export interface KoersModule {
  name: string;
  routes(ctx: ModuleContext): RouteDef[];
}

/** Every capability, one entry each. Add a module here to mount its routes. */
export const allModules: KoersModule[] = [
  { name: 'identity', routes: ({ sessions }) => identityRoutes(sessions) },
  { name: 'org', routes: () => orgRoutes() },
];
