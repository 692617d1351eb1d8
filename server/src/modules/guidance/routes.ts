import type { RouteDef } from '../../platform/http.js';

export function guidanceRoutes(): RouteDef[] {
  return [];
}
