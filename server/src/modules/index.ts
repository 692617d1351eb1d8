import type { KoersModule } from './manifest.js';
import { identityModule } from './identity/module.js';
import { orgModule } from './org/module.js';
import { rosterModule } from './roster/module.js';
import { portfolioModule } from './portfolio/module.js';
import { adminModule } from './admin/module.js';
import { programmeModule } from './programme/module.js';
import { libraryModule } from './library/module.js';
import { guidanceModule } from './guidance/module.js';
import { qualityModule } from './quality/module.js';
import { regionModule } from './region/module.js';
import { exploreModule } from './explore/module.js';
import { monitorModule } from './monitor/module.js';
import { transitionModule } from './transition/module.js';
import { privacyModule } from './privacy/module.js';

/**
 * Every capability, one entry each, in mounting order. Each module declares its parts in its
 * own `module.ts`; add a module here to mount it. Privacy comes last: its export and erasure
 * walk every module's privacy provider.
 */
export const allModules: KoersModule[] = [
  identityModule,
  orgModule,
  rosterModule,
  portfolioModule,
  adminModule,
  programmeModule,
  libraryModule,
  guidanceModule,
  qualityModule,
  regionModule,
  exploreModule,
  monitorModule,
  transitionModule,
  privacyModule,
];

export type { KoersModule, ModuleContext } from './manifest.js';
