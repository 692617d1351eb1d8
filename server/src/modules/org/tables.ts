import type { Generated } from 'kysely';

/** Tables owned by the org module (migration 0001). */
export interface OrgTables {
  regions: { id: Generated<string>; kind: 'rmc' | 'arbeidsmarkt'; code: string; name: string };
  institutions: {
    id: Generated<string>;
    name: string;
    /** null only for a gemeente or RMC organisation */
    brin: string | null;
    type: Generated<InstitutionType>;
    rmc_region_id: string | null;
    created_at: Generated<Date>;
  };
  locations: {
    id: Generated<string>;
    institution_id: string;
    name: string;
    city: string;
    labour_market_region_id: string | null;
    /** OneRoster sourcedId of imported structure (migration 0005) */
    source_id: string | null;
  };
  teams: { id: Generated<string>; institution_id: string; name: string };
  programmes: {
    id: Generated<string>;
    institution_id: string;
    team_id: string | null;
    location_id: string | null;
    /** vo: a learning path and year; mbo: crebo, level and pathway; hbo: CROHO (migration 0050) */
    kind: Generated<ProgrammeKind>;
    crebo: string | null;
    name: string;
    level: number | null;
    pathway: 'BOL' | 'BBL' | null;
    sector: string | null;
    vo_path: VoPath | null;
    vo_year: number | null;
    croho: string | null;
    source_id: string | null;
  };
  cohorts: { id: Generated<string>; institution_id: string; name: string; starts_on: string; source_id: string | null };
  groups: {
    id: Generated<string>;
    institution_id: string;
    programme_id: string | null;
    cohort_id: string | null;
    code: string;
    name: string;
    source_id: string | null;
  };
  users: {
    id: Generated<string>;
    email: string;
    given_name: string;
    family_name: string;
    display_name: string;
    birth_date: string | null;
    locale: Generated<'nl' | 'en'>;
    status: Generated<'active' | 'disabled'>;
    source_id: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  user_roles: { user_id: string; institution_id: string; role: Role; created_at: Generated<Date> };
  team_members: { team_id: string; user_id: string };
  group_mentors: { group_id: string; user_id: string };
  enrolments: {
    id: Generated<string>;
    student_id: string;
    institution_id: string;
    programme_id: string | null;
    group_id: string | null;
    cohort_id: string | null;
    starts_on: string;
    ends_on: string | null;
    source_id: string | null;
  };
  parent_links: { parent_id: string; student_id: string; adult_opt_in: Generated<boolean>; created_at: Generated<Date> };
  internships: {
    id: Generated<string>;
    student_id: string;
    institution_id: string;
    company_name: string;
    praktijkopleider_id: string | null;
    starts_on: string;
    ends_on: string;
  };
}

export const ROLES = [
  'student',
  'mentor',
  'docent',
  'lob_coordinator',
  'manager',
  'institution_admin',
  'parent',
  'praktijkopleider',
  'examencommissie',
  'decaan',
  'intake',
  'rmc_trajectbegeleider',
  'leerplichtambtenaar',
  'jongerencoach',
  'regional_coordinator',
  'alumnus',
] as const;
export type Role = (typeof ROLES)[number];

/** Regional roles belong to a gemeente or RMC organisation (institution type 'gemeente'). */
export const REGIONAL_ROLES = ['rmc_trajectbegeleider', 'leerplichtambtenaar', 'jongerencoach', 'regional_coordinator'] as const;

export const INSTITUTION_TYPES = ['vo', 'vso', 'pro', 'mbo', 'hbo', 'gemeente'] as const;
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];

export const PROGRAMME_KINDS = ['vo', 'mbo', 'hbo'] as const;
export type ProgrammeKind = (typeof PROGRAMME_KINDS)[number];
/** Learning paths of vo, vso and praktijkonderwijs programmes. */
export const VO_PATHS = ['vmbo_bb', 'vmbo_kb', 'vmbo_gl', 'vmbo_tl', 'havo', 'vwo', 'vso', 'pro'] as const;
export type VoPath = (typeof VO_PATHS)[number];
