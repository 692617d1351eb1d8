import type { IdentityTables } from '../modules/identity/tables.js';
import type { OidcTables } from '../modules/identity/tables.js';
import type { OrgTables } from '../modules/org/tables.js';
import type { PortfolioTables } from '../modules/portfolio/tables.js';
import type { ProgrammeTables } from '../modules/programme/tables.js';
import type { LibraryTables } from '../modules/library/tables.js';
import type { GuidanceTables } from '../modules/guidance/tables.js';
import type { QualityTables } from '../modules/quality/tables.js';
import type { TransitionTables } from '../modules/transition/tables.js';
import type { RegionTables } from '../modules/region/tables.js';
import type { ExploreTables } from '../modules/explore/tables.js';
import type { MonitorTables } from '../modules/monitor/tables.js';

/**
 * The whole database as Kysely sees it: each module declares the tables it owns in its own
 * `tables.ts`, and they are joined here. Add a module's interface when it gets tables.
 */
export interface DB extends OrgTables, IdentityTables, OidcTables, PortfolioTables, GuidanceTables, ProgrammeTables, LibraryTables, RegionTables, ExploreTables, QualityTables, MonitorTables, TransitionTables {
  schema_migrations: { version: number; name: string; applied_at: Date };
}
