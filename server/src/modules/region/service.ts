import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../platform/clock.js';
import { ageOn } from '../../platform/clock.js';
import { badRequest, registerErrorMessages } from '../../platform/errors.js';
import type { PlaceStatus, Reason, YouthSource } from './tables.js';

/**
 * What other modules may call. The transition module reports where a young person goes
 * (registered, enrolled, started, dropped out, no start qualification) through
 * recordPlacementStatus, inside its own transaction; the registry keeps the young person,
 * their current place and the history the dropout analysis reads.
 */
export interface PlacementInput {
  /** the RMC region responsible for the young person (where they live) */
  rmcRegionId: string;
  /** the young person's Koers account, when they have one: they then see who reads their record */
  userId?: string | null;
  /** where the report comes from, and the source's stable key for this young person */
  source: YouthSource;
  sourceRef: string;
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  gemeente: string;
  status: PlaceStatus;
  /** YYYY-MM-DD: since when this status holds */
  since: string;
  reason?: Reason | null;
  /** the school the status is about (the school left, or the new school) */
  institutionId?: string | null;
  institutionName?: string | null;
  programme?: string | null;
  level?: number | null;
  /** YYYY-MM-DD: when the programme left started, for "moment in the year" of early leaving */
  programmeStartedOn?: string | null;
  recordedBy?: string | null;
}

/** The sluitende aanpak covers young people of 12 up to and including 27. */
export const MIN_AGE = 12;
export const MAX_AGE = 27;

registerErrorMessages({
  region_age_out_of_range: {
    nl: 'Deze jongere valt buiten de leeftijd van de sluitende aanpak (12 tot en met 27 jaar).',
    en: 'This young person is outside the age range of the regional approach (12 up to and including 27).',
  },
});

/**
 * Records a young person's place (or lack of one) from the given date: creates the young
 * person in the registry when new (found within the region by the source's key, by account,
 * or by name and birth date — the registry holds no national number to match on),
 * updates their current status when this report is not older than the current one, and
 * always keeps the report in the placement history.
 */
export async function recordPlacementStatus(trx: Kysely<DB>, clock: Clock, input: PlacementInput): Promise<{ youthId: string; created: boolean }> {
  const age = ageOn(input.birthDate, input.since);
  if (age < MIN_AGE || age > MAX_AGE) throw badRequest('region_age_out_of_range', { birthDate: 'Tussen 12 en 27 jaar / between 12 and 27 years.' });
  const now = clock.now();
  const existing = await sql<{ id: string; since: string }>`
    select id, to_char(since, 'YYYY-MM-DD') as since from region_youth
    where rmc_region_id = ${input.rmcRegionId}
      and ((source = ${input.source} and source_ref = ${input.sourceRef})
        ${input.userId ? sql`or user_id = ${input.userId}` : sql``}
        or (birth_date = ${input.birthDate}::date and lower(given_name) = lower(${input.givenName}) and lower(family_name) = lower(${input.familyName})))
    order by (source = ${input.source} and source_ref = ${input.sourceRef}) desc, ${input.userId ? sql`(user_id = ${input.userId}) desc,` : sql``} created_at
    limit 1 for update`.execute(trx);
  const current = existing.rows[0];
  const lastSchool = input.institutionName ?? null;
  let youthId: string;
  if (!current) {
    const row = await trx
      .insertInto('region_youth')
      .values({
        rmc_region_id: input.rmcRegionId,
        user_id: input.userId ?? null,
        given_name: input.givenName,
        family_name: input.familyName,
        birth_date: input.birthDate,
        gemeente: input.gemeente,
        status: input.status,
        since: input.since,
        reason: input.status === 'without_place' ? (input.reason ?? 'other') : null,
        last_school: lastSchool,
        last_institution_id: input.institutionId ?? null,
        last_programme: input.programme ?? null,
        source: input.source,
        source_ref: input.sourceRef,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    youthId = row.id;
  } else {
    youthId = current.id;
    // An older report (a late import) goes into the history but does not overwrite the present.
    const newer = input.since >= current.since;
    await trx
      .updateTable('region_youth')
      .set({
        given_name: input.givenName,
        family_name: input.familyName,
        birth_date: input.birthDate,
        gemeente: input.gemeente,
        ...(input.userId ? { user_id: input.userId } : {}),
        ...(newer
          ? {
              status: input.status,
              since: input.since,
              reason: input.status === 'without_place' ? (input.reason ?? 'other') : null,
              ...(lastSchool ? { last_school: lastSchool, last_institution_id: input.institutionId ?? null, last_programme: input.programme ?? null } : {}),
            }
          : {}),
        updated_at: now,
      })
      .where('id', '=', youthId)
      .execute();
  }
  await trx
    .insertInto('region_placements')
    .values({
      youth_id: youthId,
      status: input.status,
      since: input.since,
      reason: input.status === 'without_place' ? (input.reason ?? 'other') : null,
      institution_id: input.institutionId ?? null,
      institution_name: input.institutionName ?? null,
      programme: input.programme ?? null,
      level: input.level ?? null,
      programme_started_on: input.programmeStartedOn ?? null,
      source: input.source,
      recorded_by: input.recordedBy ?? null,
      recorded_at: now,
    })
    .execute();
  return { youthId, created: !current };
}
