import type { KoersModule } from '../manifest.js';
import { portfolioRoutes } from './routes.js';
import { portfolioPrivacy } from './privacy.js';
import { portfolioDemo } from './demo.js';

/** Portfolio: the student's LOBbook. */
export const portfolioModule: KoersModule = { name: 'portfolio', routes: () => portfolioRoutes(), privacy: portfolioPrivacy, demo: portfolioDemo };
