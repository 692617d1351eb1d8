import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { DemoSchool } from '../db/demo-school.js';
import type { Deps, RouteDef } from '../platform/http.js';
import type { PrivacyProvider } from '../platform/privacy.js';
import type { SessionStore } from './identity/service.js';

/**
 * What a capability module declares about itself. The list of modules (`index.ts`) imports
 * every module; a module that needs the shape of the others (privacy) imports only this file,
 * so there is no import cycle.
 */
export interface ModuleContext {
  deps: Deps;
  sessions: SessionStore;
  /** every mounted module, for the parts that work across all of them (export, erasure) */
  modules: readonly KoersModule[];
}

export interface KoersModule {
  name: string;
  routes(ctx: ModuleContext): RouteDef[];
  /** what personal data the module stores, and its export and erasure for one person */
  privacy?: PrivacyProvider;
  /** adds the module's demo content to the demo school (same data every run: use school.random) */
  demo?: (trx: Transaction<DB>, school: DemoSchool) => Promise<void>;
}
