import type { Generated } from 'kysely';

export const TRANSFER_STATUSES = ['draft', 'sent', 'accepted'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

export const INTAKE_OUTCOMES = ['placed', 'advised_other', 'waiting_list'] as const;
export type IntakeOutcome = (typeof INTAKE_OUTCOMES)[number];

/** The timeline of one transition: before and up to the start, then what came after. */
export const TRANSITION_STATUSES = [
  'aangemeld',
  'intake_gehad',
  'geplaatst',
  'ingeschreven',
  'gestart',
  'gestopt',
  'diploma',
  'werk',
  'vervolgopleiding',
] as const;
export type TransitionStatus = (typeof TRANSITION_STATUSES)[number];

/** Tables owned by the transition module (migration 0051). */
export interface TransitionTables {
  transfers: {
    id: Generated<string>;
    student_id: string;
    from_institution_id: string;
    to_institution_id: string | null;
    programme_id: string | null;
    destination: Generated<'school' | 'work'>;
    employer: Generated<string>;
    status: Generated<TransferStatus>;
    choice: Generated<string>;
    motivation: Generated<string>;
    lob_activities: Generated<string>;
    advice: Generated<string>;
    support_needs: Generated<string>;
    support_legal_basis: string | null;
    contact_name: Generated<string>;
    contact_email: Generated<string>;
    contact_phone: Generated<string>;
    highlight_entry_ids: Generated<string[]>;
    include_cv: Generated<boolean>;
    alumni_contact_consent: Generated<boolean>;
    form_version: Generated<number>;
    sent_form: unknown | null;
    imported: Generated<boolean>;
    created_by: string | null;
    sent_by: string | null;
    accepted_by: string | null;
    created_at: Date;
    updated_at: Date;
    sent_at: Date | null;
    accepted_at: Date | null;
  };
  transfer_consents: {
    transfer_id: string;
    user_id: string;
    role: 'student' | 'parent';
    form_version: number;
    include_support: Generated<boolean>;
    given_at: Date;
  };
  transfer_intakes: {
    id: Generated<string>;
    transfer_id: string;
    intaker_id: string | null;
    planned_at: Date;
    held_at: Date | null;
    motivation: Generated<string>;
    expectations: Generated<string>;
    support_needed: Generated<string>;
    first_agreements: Generated<string>;
    outcome: IntakeOutcome | null;
    feedback: Generated<string>;
    feedback_at: Date | null;
    created_at: Date;
  };
  transition_statuses: {
    id: Generated<string>;
    student_id: string;
    transfer_id: string | null;
    institution_id: string | null;
    status: TransitionStatus;
    reason: Generated<string>;
    occurred_on: string;
    recorded_by: string | null;
    created_at: Date;
  };
}
