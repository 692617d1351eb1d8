import type { KoersModule } from '../manifest.js';
import { qualityRoutes } from './routes.js';
import { qualityPrivacy } from './privacy.js';
import { qualityDemo } from './demo.js';

/** Kwaliteit: questionnaires, LOB-scan and team-scan, the Kwaliteitskaart (PDCA). */
export const qualityModule: KoersModule = { name: 'quality', routes: () => qualityRoutes(), privacy: qualityPrivacy, demo: qualityDemo };
