import type { RouteObject } from 'react-router';
import type { Role } from './auth';

/**
 * Every page of the client. Pages load lazily so the first load stays small; `roles` limits
 * a page to the people who may use it (the server checks again, always).
 */
export interface PageRoute {
  path: string;
  roles?: Role[];
  /** reachable without signing in */
  public?: boolean;
  load: () => Promise<{ default: React.ComponentType }>;
}

export const PAGES: PageRoute[] = [
  { path: '/inloggen', public: true, load: () => import('../features/identity/LoginPage') },
  { path: '/', load: () => import('../features/home/HomePage') },
  { path: '/studenten/:id', load: () => import('../features/students/StudentPage') },
];

export type { RouteObject };
