import type { Generated } from 'kysely';

export type ProgrammeKind = 'mbo' | 'hbo';
export type Indicator = 'satisfaction' | 'pass_rate' | 'progression_hbo' | 'work_in_field' | 'internship_chance' | 'starting_salary';
export type Outlook = 'shortage' | 'balanced' | 'surplus';
export type OfferingPathway = 'BOL' | 'BBL' | 'voltijd' | 'deeltijd' | 'duaal';

/** Tables owned by the explore module (migration 0090). */
export interface ExploreTables {
  explore_programmes: {
    id: Generated<string>;
    kind: ProgrammeKind;
    code: string;
    name: string;
    level: number | null;
    hbo_type: 'ad' | 'bachelor' | null;
    sector: string;
    description: string;
    demo: Generated<boolean>;
    updated_at: Date;
  };
  explore_offerings: {
    id: Generated<string>;
    programme_id: string;
    institution_id: string;
    pathway: OfferingPathway;
    city: string;
    org_programme_id: string | null;
  };
  explore_followons: { mbo_programme_id: string; hbo_programme_id: string };
  explore_figures: {
    id: Generated<string>;
    programme_id: string;
    institution_id: string | null;
    indicator: Indicator;
    value: string | number;
    students: number;
    source: string;
    year: number;
    demo: Generated<boolean>;
    imported_at: Date;
  };
  explore_explanations: { programme_id: string; institution_id: string; body: string; year: number; updated_at: Date };
  explore_occupations: {
    id: Generated<string>;
    slug: string;
    name: string;
    description: string;
    tasks: string[];
    competencies: string[];
    isco: string | null;
    esco_uri: string | null;
    earnings_low: number | null;
    earnings_high: number | null;
    earnings_source: string;
    earnings_year: number | null;
    sector: string;
    demo: Generated<boolean>;
    updated_at: Date;
  };
  explore_occupation_programmes: { occupation_id: string; programme_id: string };
  explore_prospects: { occupation_id: string; region_id: string; outlook: Outlook; source: string; as_of: string; demo: Generated<boolean> };
  explore_views: { student_id: string; item_kind: 'programme' | 'occupation'; item_id: string; times: Generated<number>; last_viewed_at: Date };
  explore_entry_links: { entry_id: string; student_id: string; programme_id: string | null; occupation_id: string | null; created_at: Date };
  explore_alumni: {
    user_id: string;
    institution_id: string;
    programme_id: string | null;
    occupation_id: string | null;
    route: string;
    work_now: string;
    tips: string;
    contact_allowed: boolean;
    buddy: boolean;
    consent_text: string;
    consent_at: Date;
    withdrawn_at: Date | null;
    updated_at: Date;
  };
  explore_contacts: {
    id: Generated<string>;
    student_id: string;
    alumnus_id: string;
    kind: 'question' | 'buddy';
    reason: string;
    created_at: Date;
    ended_at: Date | null;
  };
  explore_public_signups: {
    id: Generated<string>;
    activity_id: string;
    email: string;
    name: string;
    token_hash: string;
    address_hash: string;
    mails: Generated<number>;
    mail_window_at: Date;
    created_at: Date;
    expires_at: Date;
    confirmed_at: Date | null;
  };
}
