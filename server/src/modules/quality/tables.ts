import type { Generated } from 'kysely';

/** Tables owned by the quality module (migration 0070). */
export interface QualityTables {
  quality_questionnaires: {
    id: Generated<string>;
    institution_id: string;
    team_id: string | null;
    series_id: string;
    wave: Generated<number>;
    template_code: string | null;
    title: string;
    description: Generated<string>;
    anonymous: boolean;
    min_group_size: Generated<number>;
    version: Generated<number>;
    definition: unknown;
    status: Generated<'draft' | 'open' | 'closed'>;
    panel: Generated<boolean>;
    audience: Generated<unknown>;
    closes_on: string | null;
    school_year: string;
    created_by: string | null;
    created_at: Generated<Date>;
  };
  quality_responses: {
    id: Generated<string>;
    questionnaire_id: string;
    definition_version: number;
    respondent_id: string | null;
    submitted_at: Date | null;
    team_id: string | null;
    programme_id: string | null;
    source: 'form' | 'import';
    answers: unknown;
  };
  quality_response_pool: {
    id: Generated<string>;
    questionnaire_id: string;
    definition_version: number;
    team_id: string | null;
    programme_id: string | null;
    answers: unknown;
  };
  quality_invitations: {
    questionnaire_id: string;
    user_id: string;
    team_id: string | null;
    programme_id: string | null;
    responded: Generated<boolean>;
    invited_on: string;
    reminded_on: string | null;
  };
  quality_actions: {
    id: Generated<string>;
    institution_id: string;
    team_id: string | null;
    school_year: string;
    step: 'verankeren' | 'faciliteren' | 'verbeteren';
    theme: string;
    source_questionnaire_id: string | null;
    title: string;
    description: Generated<string>;
    owner_id: string | null;
    due_on: string;
    status: Generated<'planned' | 'doing' | 'done' | 'dropped'>;
    evidence: Generated<string>;
    done_on: string | null;
    created_by: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
}
