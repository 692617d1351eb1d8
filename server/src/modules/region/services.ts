import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import type { ServiceResource } from './policy.js';
import type { ServiceKind } from './tables.js';

type D = Pick<Deps, 'db' | 'clock' | 'audit'>;

export interface ServiceInput {
  name: string;
  kind: ServiceKind;
  description: string;
  audience: string;
  minAge: number | null;
  maxAge: number | null;
  eligibility: string;
  contact: string;
  url: string | null;
}

const COLUMNS = sql`s.id, s.name, s.kind, s.description, s.audience, s.min_age, s.max_age, s.eligibility, s.contact, s.url, s.updated_at, r.name as region_name`;

function toView(r: any) {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as ServiceKind,
    description: r.description,
    audience: r.audience,
    minAge: r.min_age === null ? null : Number(r.min_age),
    maxAge: r.max_age === null ? null : Number(r.max_age),
    eligibility: r.eligibility,
    contact: r.contact,
    url: r.url,
    region: r.region_name,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** The RMC regions of every institution the reader has a role at: the sociale kaart they see. */
const readerRegions = (actorId: string) => sql`(select i.rmc_region_id from user_roles ur join institutions i on i.id = ur.institution_id
  where ur.user_id = ${actorId} and i.rmc_region_id is not null)`;

/**
 * The sociale kaart of the reader's region(s), searchable by words, kind and age. It holds no
 * personal data: schools, young people and regional workers all see their own region's map.
 */
export async function listServices(deps: Pick<Deps, 'db'>, actor: Actor, q: { q?: string; kind?: ServiceKind; age?: number }) {
  const like = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const r = await sql<any>`
    select ${COLUMNS} from region_services s join regions r on r.id = s.rmc_region_id
    where s.rmc_region_id in ${readerRegions(actor.userId)}
      ${q.kind ? sql`and s.kind = ${q.kind}` : sql``}
      ${q.age !== undefined ? sql`and (s.min_age is null or s.min_age <= ${q.age}) and (s.max_age is null or s.max_age >= ${q.age})` : sql``}
      ${like ? sql`and (s.name ilike ${like} or s.description ilike ${like} or s.audience ilike ${like} or s.eligibility ilike ${like})` : sql``}
    order by s.kind, lower(s.name), s.id
    limit 500`.execute(deps.db);
  return { items: r.rows.map(toView), nextCursor: null };
}

export async function loadServiceResource(deps: Pick<Deps, 'db'>, actor: Actor, id: string): Promise<ServiceResource | null> {
  const r = await sql<{ id: string; rmc_region_id: string; visible: boolean; coordinator: boolean }>`
    select s.id, s.rmc_region_id, s.rmc_region_id in ${readerRegions(actor.userId)} as visible,
      exists (select 1 from user_roles ur join institutions gi on gi.id = ur.institution_id and gi.type = 'gemeente'
        where ur.user_id = ${actor.userId} and ur.role = 'regional_coordinator' and gi.rmc_region_id = s.rmc_region_id) as coordinator
    from region_services s where s.id = ${id}`.execute(deps.db);
  const s = r.rows[0];
  return s ? { id: s.id, rmcRegionId: s.rmc_region_id, visible: s.visible, coordinator: s.coordinator, private: !s.visible } : null;
}

export async function getService(deps: Pick<Deps, 'db'>, id: string) {
  const r = await sql<any>`select ${COLUMNS} from region_services s join regions r on r.id = s.rmc_region_id where s.id = ${id}`.execute(deps.db);
  return toView(r.rows[0]);
}

const values = (input: ServiceInput) => ({
  name: input.name,
  kind: input.kind,
  description: input.description,
  audience: input.audience,
  min_age: input.minAge,
  max_age: input.maxAge,
  eligibility: input.eligibility,
  contact: input.contact,
  url: input.url,
});

export async function createService(deps: D, actor: Actor, org: { id: string; rmc_region_id: string }, input: ServiceInput, ip?: string) {
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const s = await trx.insertInto('region_services').values({ ...values(input), rmc_region_id: org.rmc_region_id, updated_by: actor.userId, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    await deps.audit.record({ action: 'region.service.create', actorId: actor.userId, institutionId: org.id, subjectType: 'region_service', subjectId: s.id, ip }, trx);
    return s.id;
  });
  return getService(deps, id);
}

export async function updateService(deps: D, actor: Actor, id: string, input: Partial<ServiceInput>, ip?: string) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('region_services').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    const merged: ServiceInput = {
      name: input.name ?? current.name,
      kind: input.kind ?? current.kind,
      description: input.description ?? current.description,
      audience: input.audience ?? current.audience,
      minAge: input.minAge !== undefined ? input.minAge : current.min_age,
      maxAge: input.maxAge !== undefined ? input.maxAge : current.max_age,
      eligibility: input.eligibility ?? current.eligibility,
      contact: input.contact ?? current.contact,
      url: input.url !== undefined ? input.url : current.url,
    };
    await trx.updateTable('region_services').set({ ...values(merged), updated_by: actor.userId, updated_at: now }).where('id', '=', id).execute();
    await deps.audit.record({ action: 'region.service.update', actorId: actor.userId, subjectType: 'region_service', subjectId: id, ip, details: { fields: Object.keys(input) } }, trx);
  });
  return getService(deps, id);
}

export async function deleteService(deps: D, actor: Actor, id: string, ip?: string) {
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('region_services').where('id', '=', id).execute();
    await deps.audit.record({ action: 'region.service.delete', actorId: actor.userId, subjectType: 'region_service', subjectId: id, ip }, trx);
  });
}
