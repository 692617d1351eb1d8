import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { listHeldConversations as guidanceConversations, type HeldConversation } from '../guidance/service.js';

export type { HeldConversation };

/**
 * The one place the progress engine learns which career conversations were held: the guidance
 * module records them (four-step conversations with agreements), this module only counts them.
 * Kept as its own function so the source can change without touching the engine.
 */
export function listHeldConversations(db: Kysely<DB>, studentIds: readonly string[], from: string, to: string): Promise<HeldConversation[]> {
  return guidanceConversations(db, [...studentIds], from, to);
}
