import type { KoersModule } from '../manifest.js';
import { adminRoutes } from './routes.js';

/** Admin: the institution administrator's screens over org (no tables of its own). */
export const adminModule: KoersModule = { name: 'admin', routes: ({ sessions }) => adminRoutes(sessions) };
