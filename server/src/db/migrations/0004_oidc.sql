-- Federated login (module identity): OpenID Connect providers per institution (SURFconext,
-- Entree, eduID), the federated subjects linked to Koers accounts, and pending login attempts.

create table oidc_providers (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null references institutions (id) on delete cascade,
  -- shown on the login button, e.g. 'SURFconext'
  name text not null,
  issuer text not null,
  client_id text not null,
  -- write-only through the API; needed in plain text to authenticate at the token endpoint
  client_secret text not null,
  scopes text not null default 'openid',
  -- the claim that holds the stable, never reassigned identifier of the person
  subject_claim text not null default 'sub',
  enabled boolean not null default true,
  created_at timestamptz not null default now(),
  unique (institution_id, name)
);
create index oidc_providers_institution on oidc_providers (institution_id);

-- A federated subject is linked to an account explicitly, never matched by e-mail address.
create table user_identities (
  user_id uuid not null references users (id) on delete cascade,
  provider_id uuid not null references oidc_providers (id) on delete cascade,
  subject text not null,
  created_at timestamptz not null default now(),
  primary key (provider_id, subject)
);
create index user_identities_user on user_identities (user_id);

-- One row per started login; consumed once by the callback, worthless after a few minutes.
create table oidc_login_attempts (
  -- sha-256 of the state parameter: a database leak does not hand out pending logins
  state_hash text primary key,
  provider_id uuid not null references oidc_providers (id) on delete cascade,
  nonce text not null,
  code_verifier text not null,
  created_at timestamptz not null,
  used_at timestamptz
);
create index oidc_login_attempts_created on oidc_login_attempts (created_at);
