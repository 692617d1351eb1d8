import type { KoersModule } from '../manifest.js';
import { transitionRoutes } from './routes.js';
import { transitionPrivacy } from './privacy.js';
import { transitionDemo } from './demo.js';

/** Overstap: the transfer form, consent, sending, acceptance, intake, timeline and warm-handover rate. */
export const transitionModule: KoersModule = { name: 'transition', routes: () => transitionRoutes(), privacy: transitionPrivacy, demo: transitionDemo };
