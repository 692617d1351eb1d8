import type { KoersModule } from '../manifest.js';
import { privacyRoutes } from './routes.js';

/** Export and erasure of one person across every module, through their privacy providers. */
export const privacyModule: KoersModule = { name: 'privacy', routes: ({ sessions, modules }) => privacyRoutes(sessions, () => modules) };
