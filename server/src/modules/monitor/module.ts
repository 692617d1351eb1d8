import type { KoersModule } from '../manifest.js';
import { monitorRoutes } from './routes.js';
import { monitorPrivacy } from './privacy.js';

/** Monitor: LOB indicators from group to nation, from rollups, with small cells suppressed. */
export const monitorModule: KoersModule = { name: 'monitor', routes: () => monitorRoutes(), privacy: monitorPrivacy };
