import type { KoersModule } from '../manifest.js';
import { programmeRoutes } from './routes.js';
import { programmePrivacy } from './privacy.js';
import { programmeDemo } from './demo.js';

/** The LOB programme and the inspanningsverplichting. */
export const programmeModule: KoersModule = { name: 'programme', routes: () => programmeRoutes(), privacy: programmePrivacy, demo: programmeDemo };
