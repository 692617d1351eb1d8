import type { Generated } from 'kysely';

/** Tables owned by the identity module (migrations 0002 and 0003). */
export interface IdentityTables {
  credentials: {
    user_id: string;
    password_hash: string | null;
    password_changed_at: Date | null;
    totp_secret: string | null;
    totp_pending_secret: string | null;
    totp_enabled_at: Date | null;
    recovery_code_hashes: Generated<string[]>;
    /** the last accepted TOTP time step, so a code cannot be replayed */
    totp_last_step: number | null;
  };
  password_reset_tokens: {
    token_hash: string;
    user_id: string;
    created_at: Date;
    expires_at: Date;
    used_at: Date | null;
  };
  invitations: {
    id: Generated<string>;
    token_hash: string;
    kind: 'parent' | 'praktijkopleider';
    email: string;
    institution_id: string;
    student_id: string;
    internship_id: string | null;
    invited_by: string | null;
    created_at: Date;
    expires_at: Date;
    accepted_at: Date | null;
    accepted_by: string | null;
  };
  login_throttle: { key: string; failures: number; window_started_at: Date; locked_until: Date | null };
  sessions: {
    token_hash: string;
    user_id: string;
    csrf_token: string;
    mfa_passed: Generated<boolean>;
    created_at: Date;
    last_seen_at: Date;
    expires_at: Date;
    ip: string | null;
    user_agent: string | null;
  };
  audit_log: {
    id: Generated<number>;
    at: Date;
    institution_id: string | null;
    actor_id: string | null;
    action: string;
    subject_type: string | null;
    subject_id: string | null;
    student_id: string | null;
    outcome: Generated<'ok' | 'denied' | 'failed'>;
    ip: string | null;
    details: Generated<unknown>;
  };
}

/** The OpenID Connect tables (oidc-tables.ts) are identity's too. */
export type { OidcTables } from './oidc-tables.js';
