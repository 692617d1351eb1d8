import type { KoersModule } from '../manifest.js';
import { guidanceRoutes } from './routes.js';
import { guidancePrivacy } from './privacy.js';
import { guidanceDemo } from './demo.js';

/** Begeleiding: caseload, conversations, agenda, feed, messages, attendance, notifications. */
export const guidanceModule: KoersModule = { name: 'guidance', routes: () => guidanceRoutes(), privacy: guidancePrivacy, demo: guidanceDemo };
