import type { Role } from '../modules/org/tables.js';

/**
 * Policy in one place. Each module declares, in its policy.ts, which actions exist and the
 * small rules that allow them: `allow('student.read', (actor, student) => student.rel.mentor)`.
 * A route names the action it performs; the HTTP layer refuses to register a route whose
 * action has no rule, and asks `can(...)` before the handler runs.
 */
export interface Actor {
  userId: string;
  displayName: string;
  /** roles per institution id */
  roles: { institutionId: string; role: Role }[];
  sessionId?: string;
}

export type Rule<R> = (actor: Actor, resource: R) => boolean;

interface ActionEntry {
  description: string;
  rules: Rule<any>[];
}

const actions = new Map<string, ActionEntry>();

/** The actions any signed-in or anonymous user may perform without a resource check. */
export const PUBLIC = 'public';
export const SIGNED_IN = 'signed_in';

export function defineAction(action: string, description: string) {
  if (!actions.has(action)) actions.set(action, { description, rules: [] });
}

export function allow<R>(action: string, rule: Rule<R>) {
  const entry = actions.get(action);
  if (!entry) throw new Error(`allow(): action ${action} is not defined`);
  entry.rules.push(rule);
}

export function can<R>(actor: Actor | null, action: string, resource: R): boolean {
  if (action === PUBLIC) return true;
  if (!actor) return false;
  if (action === SIGNED_IN) return true;
  const entry = actions.get(action);
  if (!entry) return false;
  return entry.rules.some((rule) => rule(actor, resource));
}

export function isDefinedAction(action: string): boolean {
  return action === PUBLIC || action === SIGNED_IN || (actions.get(action)?.rules.length ?? 0) > 0;
}

export function definedActions(): string[] {
  return [...actions.keys()];
}

export function hasRole(actor: Actor, role: Role, institutionId?: string): boolean {
  return actor.roles.some((r) => r.role === role && (!institutionId || r.institutionId === institutionId));
}

export function hasRoleIn(actor: Actor, roles: readonly Role[], institutionIds: readonly string[]): boolean {
  return actor.roles.some((r) => roles.includes(r.role) && institutionIds.includes(r.institutionId));
}

export const STAFF_ROLES: readonly Role[] = ['mentor', 'docent', 'lob_coordinator', 'manager', 'institution_admin'];
