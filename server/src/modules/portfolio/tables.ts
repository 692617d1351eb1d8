import type { Generated } from 'kysely';
import type { Competence, EntryKind, EntryStatus, MilestoneKind, NetworkStep, SharingTarget } from './schema.js';

/** Tables owned by the portfolio module (migration 0010). */
export interface PortfolioTables {
  portfolio_entries: {
    id: Generated<string>;
    student_id: string;
    kind: EntryKind;
    title: string;
    occurred_on: string;
    place: string | null;
    competencies: Competence[];
    orientatie: string;
    mening: string;
    reflectie: string;
    sharing: SharingTarget[];
    status: EntryStatus;
    created_at: Date;
    updated_at: Date;
    /** 0032: the LOB activity (programme module) this entry reflects on */
    activity_id: Generated<string | null>;
  };
  portfolio_evidence: {
    id: Generated<string>;
    entry_id: string;
    student_id: string;
    filename: string;
    media_type: string;
    size_bytes: number;
    content: Buffer;
    created_at: Date;
  };
  portfolio_feedback: {
    id: Generated<string>;
    seq: Generated<number>;
    entry_id: string;
    author_id: string | null;
    author_role: 'student' | 'mentor' | 'praktijkopleider' | 'parent';
    body: string;
    created_at: Date;
    read_by_student_at: Date | null;
  };
  portfolio_self_assessments: {
    id: Generated<string>;
    student_id: string;
    assessed_at: Date;
    kwaliteiten: number;
    motieven: number;
    werkexploratie: number;
    loopbaansturing: number;
    netwerken: number;
  };
  portfolio_goals: {
    id: Generated<string>;
    student_id: string;
    kind: Generated<'own' | 'conversations'>;
    title: string;
    created_at: Date;
  };
  portfolio_actions: {
    id: Generated<string>;
    goal_id: string;
    student_id: string;
    description: string;
    due_on: string | null;
    status: Generated<'open' | 'done'>;
    conversation_id: string | null;
    created_at: Date;
    done_at: Date | null;
  };
  portfolio_contacts: {
    id: Generated<string>;
    student_id: string;
    name: string;
    relation: string;
    organisation: string;
    can_help_with: string;
    last_contact_on: string | null;
    step: Generated<NetworkStep>;
    created_at: Date;
  };
  portfolio_milestones: {
    id: Generated<string>;
    student_id: string;
    kind: MilestoneKind;
    title: string;
    occurred_on: string;
    note: string;
    created_at: Date;
  };
}
