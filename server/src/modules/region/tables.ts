import type { Generated } from 'kysely';

/** Where a young person is: in school, at work, in care or day activities, or without a place. */
export const PLACE_STATUSES = ['without_place', 'school', 'work', 'care', 'moved_out', 'unreachable'] as const;
export type PlaceStatus = (typeof PLACE_STATUSES)[number];

/** Why a young person has no place (the registry's reason). */
export const REASONS = ['dropout', 'no_start_qualification', 'school_leaver_no_destination', 'not_enrolled', 'moved_in', 'other'] as const;
export type Reason = (typeof REASONS)[number];

/** What closes a case. */
export const OUTCOMES = ['back_to_school', 'work', 'care', 'moved_out', 'unreachable'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const ACTION_KINDS = ['contact', 'home_visit', 'referral', 'meeting', 'note'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const SOURCES = ['school_leavers', 'municipal', 'transition', 'manual'] as const;
export type YouthSource = (typeof SOURCES)[number];

export const MEETING_KINDS = ['commissie_doorstroom', 'casusoverleg', 'afstemmingsoverleg'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const SERVICE_KINDS = ['entree', 'jongerenloket', 'werkgeversservicepunt', 'zorg', 'dagbesteding', 'other'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

export type LegalBasis = 'leerplicht' | 'rmc' | 'consent';

/** Tables owned by the region module (migrations 0060, 0061). */
export interface RegionTables {
  region_legal_bases: {
    role: 'rmc_trajectbegeleider' | 'leerplichtambtenaar' | 'jongerencoach' | 'regional_coordinator';
    basis: LegalBasis;
    min_age: number;
    max_age: number;
    requires_consent: boolean;
    law: string;
  };
  region_youth: {
    id: Generated<string>;
    rmc_region_id: string;
    user_id: string | null;
    given_name: string;
    family_name: string;
    birth_date: string;
    gemeente: string;
    status: PlaceStatus;
    since: string;
    reason: Reason | null;
    last_school: string | null;
    last_institution_id: string | null;
    last_programme: string | null;
    source: YouthSource;
    source_ref: string | null;
    consent_at: Date | null;
    created_at: Date;
    updated_at: Date;
  };
  region_placements: {
    id: Generated<string>;
    youth_id: string;
    status: PlaceStatus;
    since: string;
    reason: Reason | null;
    institution_id: string | null;
    institution_name: string | null;
    programme: string | null;
    level: number | null;
    programme_started_on: string | null;
    source: YouthSource | 'case_outcome';
    recorded_by: string | null;
    recorded_at: Date;
  };
  region_cases: {
    id: Generated<string>;
    youth_id: string;
    owner_id: string | null;
    opened_at: Date;
    opened_by: string | null;
    follow_up_on: string | null;
    last_activity_at: Date;
    closed_at: Date | null;
    closed_by: string | null;
    outcome: Outcome | null;
    outcome_note: string | null;
  };
  region_case_owners: {
    id: Generated<string>;
    case_id: string;
    owner_id: string | null;
    assigned_by: string | null;
    assigned_at: Date;
    ended_at: Date | null;
  };
  region_case_actions: {
    id: Generated<string>;
    case_id: string;
    kind: ActionKind;
    body: string;
    follow_up_on: string | null;
    created_by: string | null;
    created_at: Date;
    meeting_id: string | null;
    service_id: Generated<string | null>;
  };
  region_services: {
    id: Generated<string>;
    rmc_region_id: string;
    name: string;
    kind: ServiceKind;
    description: Generated<string>;
    audience: Generated<string>;
    min_age: number | null;
    max_age: number | null;
    eligibility: Generated<string>;
    contact: Generated<string>;
    url: string | null;
    updated_by: string | null;
    updated_at: Date;
  };
  region_meetings: {
    id: Generated<string>;
    rmc_region_id: string;
    kind: MeetingKind;
    title: string;
    starts_at: Date;
    ends_at: Date;
    created_by: string | null;
    created_at: Date;
  };
  region_meeting_participants: { meeting_id: string; user_id: string };
  region_meeting_items: {
    id: Generated<string>;
    meeting_id: string;
    youth_id: string;
    decision: Generated<string>;
    added_by: string | null;
    added_at: Date;
  };
}
