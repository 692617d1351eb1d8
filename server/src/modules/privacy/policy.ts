import { allow, defineAction, hasRole } from '../../platform/policy.js';

defineAction('privacy.export.own', 'Download everything Koers holds about oneself');
// Everyone may take their own data along; the route only ever exports the signed-in person.
allow('privacy.export.own', () => true);

/** The person a privacy request is about, and the institutions they belong to. */
export interface PersonResource {
  userId: string;
  institutionIds: string[];
  studentId: string;
  private: true;
}

defineAction('privacy.person.manage', "Export or erase one person's data on their request");
// Only an administrator of every institution the person belongs to: one school cannot erase
// what another school is responsible for.
allow<PersonResource>('privacy.person.manage', (actor, r) =>
  r.institutionIds.length > 0 && r.institutionIds.every((i) => hasRole(actor, 'institution_admin', i)),
);
