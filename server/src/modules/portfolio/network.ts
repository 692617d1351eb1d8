import type { Deps } from '../../platform/http.js';
import type { NetworkStep } from './schema.js';

/** A person who can help (netwerken); only the student sees the network. */
export interface Contact {
  id: string;
  name: string;
  relation: string;
  organisation: string;
  canHelpWith: string;
  lastContactOn: string | null;
  step: NetworkStep;
}

const COLUMNS = ['id', 'name', 'relation', 'organisation', 'can_help_with', 'last_contact_on', 'step'] as const;

function toContact(r: { id: string; name: string; relation: string; organisation: string; can_help_with: string; last_contact_on: string | null; step: NetworkStep }): Contact {
  return { id: r.id, name: r.name, relation: r.relation, organisation: r.organisation, canHelpWith: r.can_help_with, lastContactOn: r.last_contact_on, step: r.step };
}

export async function listContacts(deps: Pick<Deps, 'db'>, studentId: string): Promise<Contact[]> {
  const rows = await deps.db.selectFrom('portfolio_contacts').select(COLUMNS).where('student_id', '=', studentId).orderBy('name').orderBy('id').execute();
  return rows.map(toContact);
}

export interface ContactInput {
  name?: string;
  relation?: string;
  organisation?: string;
  canHelpWith?: string;
  lastContactOn?: string | null;
  step?: NetworkStep;
}

function toColumns(c: ContactInput) {
  return {
    ...(c.name !== undefined ? { name: c.name } : {}),
    ...(c.relation !== undefined ? { relation: c.relation } : {}),
    ...(c.organisation !== undefined ? { organisation: c.organisation } : {}),
    ...(c.canHelpWith !== undefined ? { can_help_with: c.canHelpWith } : {}),
    ...(c.lastContactOn !== undefined ? { last_contact_on: c.lastContactOn } : {}),
    ...(c.step !== undefined ? { step: c.step } : {}),
  };
}

export async function addContact(deps: Pick<Deps, 'db' | 'clock'>, studentId: string, input: ContactInput & { name: string }): Promise<Contact> {
  const row = await deps.db
    .insertInto('portfolio_contacts')
    .values({ student_id: studentId, relation: '', organisation: '', can_help_with: '', last_contact_on: null, ...toColumns(input), name: input.name, created_at: deps.clock.now() })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return toContact(row);
}

export async function updateContact(deps: Pick<Deps, 'db'>, id: string, input: ContactInput): Promise<Contact> {
  const row = await deps.db.updateTable('portfolio_contacts').set(toColumns(input)).where('id', '=', id).returning(COLUMNS).executeTakeFirstOrThrow();
  return toContact(row);
}
