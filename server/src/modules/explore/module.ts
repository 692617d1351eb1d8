import type { KoersModule } from '../manifest.js';
import { exploreRoutes } from './routes.js';
import { explorePrivacy } from './privacy.js';
import { exploreDemo } from './demo.js';

/** Verkennen: programmes and Studie in Cijfers, occupations and the labour market, alumni and buddies. */
export const exploreModule: KoersModule = { name: 'explore', routes: ({ deps }) => exploreRoutes(deps), privacy: explorePrivacy, demo: exploreDemo };
