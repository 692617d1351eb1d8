import type { KoersModule } from '../manifest.js';
import { libraryRoutes } from './routes.js';
import { libraryPrivacy } from './privacy.js';

/** The Loopbaanmagazijn: exercises and assignments. */
export const libraryModule: KoersModule = { name: 'library', routes: () => libraryRoutes(), privacy: libraryPrivacy };
