import type { Generated } from 'kysely';
import type { ActivityKind, ComponentKind, Dimension } from './schema.js';
import type { Competence } from '../portfolio/schema.js';

/** Tables owned by the programme module (migrations 0030 and 0031). */
export interface ProgrammeTables {
  lob_activities: {
    id: Generated<string>;
    institution_id: string;
    kind: ActivityKind;
    title: string;
    description: string;
    competencies: Competence[];
    /** 0033: burgerschap dimensions the activity addresses */
    dimensions: Generated<Dimension[]>;
    starts_at: Date;
    ends_at: Date;
    location: string;
    capacity: number | null;
    organiser_id: string | null;
    audience_programme_ids: string[];
    audience_levels: number[];
    audience_cohort_ids: string[];
    created_at: Date;
  };
  lob_activity_signups: {
    activity_id: string;
    student_id: string;
    seq: Generated<number>;
    status: 'registered' | 'waitlisted' | 'cancelled';
    signed_up_at: Date;
    attended: boolean | null;
    recorded_by: string | null;
    recorded_at: Date | null;
  };
  lob_programme_versions: {
    id: Generated<string>;
    institution_id: string;
    programme_id: string;
    version: number;
    effective_from: string;
    rule: 'all' | 'min_components';
    rule_min: number | null;
    rule_text: string;
    /** 0032: minimal length of a substantive answer to each of the three aspects */
    min_aspect_length: Generated<number>;
    created_by: string | null;
    created_at: Date;
  };
  lob_programme_components: {
    id: Generated<string>;
    version_id: string;
    position: number;
    year: number;
    period: number | null;
    kind: ComponentKind;
    title: string;
    required_count: number;
    activity_kinds: ActivityKind[];
    min_competencies: number;
    levels: number[];
    pathways: ('BOL' | 'BBL')[];
    intensity: string;
    guidance: string;
    /** 0032: attendance of an activity counts without the student's reflection on it */
    attendance_alone: Generated<boolean>;
    /** 0033: what the component addresses */
    competencies: Generated<Competence[]>;
    dimensions: Generated<Dimension[]>;
    /** 0034: only for students in one of these target groups; empty: everyone */
    target_group_ids: Generated<string[]>;
  };
  /** 0034: target groups (doelgroepen) an institution defines */
  lob_target_groups: {
    id: Generated<string>;
    institution_id: string;
    name: string;
    description: string;
    created_by: string | null;
    created_at: Date;
  };
  lob_target_group_members: {
    target_group_id: string;
    student_id: string;
    added_by: string | null;
    added_at: Date;
  };
  lob_status_overrides: {
    id: Generated<string>;
    student_id: string;
    component_id: string;
    reason: string;
    decided_by: string | null;
    decided_at: Date;
    revoked_by: string | null;
    revoked_at: Date | null;
  };
  /** Which guidance attendance session records participation in an activity, per group (0031). */
  lob_activity_sessions: {
    activity_id: string;
    group_id: string;
    session_id: string;
  };
}
