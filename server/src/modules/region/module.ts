import type { KoersModule } from '../manifest.js';
import { regionRoutes } from './routes.js';
import { regionPrivacy } from './privacy.js';
import { regionDemo } from './demo.js';

/** Sluitende aanpak: the region's young people without a place, their cases and follow-up. */
export const regionModule: KoersModule = { name: 'region', routes: () => regionRoutes(), privacy: regionPrivacy, demo: regionDemo };
