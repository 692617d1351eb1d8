import type { KoersModule } from '../manifest.js';
import { rosterRoutes } from './routes.js';
import { rosterPrivacy } from './privacy.js';

/** Roster: OneRoster import from the student administration. */
export const rosterModule: KoersModule = { name: 'roster', routes: ({ sessions }) => rosterRoutes(sessions), privacy: rosterPrivacy };
