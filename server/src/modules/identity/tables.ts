import type { Generated } from 'kysely';

/** Tables owned by the identity module (migration 0002). */
export interface IdentityTables {
  credentials: {
    user_id: string;
    password_hash: string | null;
    password_changed_at: Date | null;
    totp_secret: string | null;
    totp_pending_secret: string | null;
    totp_enabled_at: Date | null;
    recovery_code_hashes: Generated<string[]>;
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
