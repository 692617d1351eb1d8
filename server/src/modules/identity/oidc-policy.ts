import { allow, defineAction, hasRole } from '../../platform/policy.js';

// Federated login itself (provider list, start, callback) is public: those routes use 'public'.
// Managing providers and linking accounts is for the administrator of the provider's institution.

/** The resource of provider management: the institution the provider belongs to. */
export interface OidcProviderResource {
  institutionId: string;
}

/** The resource of linking: the provider's institution, and whether the user belongs to it. */
export interface UserIdentityResource {
  institutionId: string;
  /** the user holds a role in the provider's institution */
  userInInstitution: boolean;
  /** an account outside the admin's institution is not theirs to know about */
  private: true;
}

defineAction('oidc_provider.list', 'List the OpenID Connect providers of the institutions one administers');
// The list itself is filtered in SQL to the institutions the actor administers.
allow('oidc_provider.list', (actor) => hasRole(actor, 'institution_admin'));

defineAction('oidc_provider.manage', 'Add, change or remove an OpenID Connect provider of an institution');
allow<OidcProviderResource>('oidc_provider.manage', (actor, r) => hasRole(actor, 'institution_admin', r.institutionId));

defineAction('user_identity.manage', 'Link an account to, or unlink it from, a federated subject');
// Both conditions: otherwise an admin could link their own provider's subject to an account of
// another school and sign in as that person.
allow<UserIdentityResource>(
  'user_identity.manage',
  (actor, r) => r.userInInstitution && hasRole(actor, 'institution_admin', r.institutionId),
);
