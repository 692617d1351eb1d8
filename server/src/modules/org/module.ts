import type { KoersModule } from '../manifest.js';
import { orgRoutes } from './routes.js';
import { orgPrivacy } from './privacy.js';

/** Org: institutions, opleidingen, groups and the people in them, and their relations. */
export const orgModule: KoersModule = { name: 'org', routes: () => orgRoutes(), privacy: orgPrivacy };
