import type { Generated } from 'kysely';

/** Tables of federated login (OpenID Connect), owned by the identity module (migration 0004). */
export interface OidcTables {
  oidc_providers: {
    id: Generated<string>;
    institution_id: string;
    name: string;
    issuer: string;
    client_id: string;
    client_secret: string;
    scopes: Generated<string>;
    subject_claim: Generated<string>;
    enabled: Generated<boolean>;
    created_at: Generated<Date>;
  };
  user_identities: {
    user_id: string;
    provider_id: string;
    subject: string;
    created_at: Generated<Date>;
  };
  oidc_login_attempts: {
    state_hash: string;
    provider_id: string;
    nonce: string;
    code_verifier: string;
    created_at: Date;
    used_at: Date | null;
  };
}
