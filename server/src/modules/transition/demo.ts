import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DemoSchool } from '../../db/demo-school.js';
import { addTransferPupilEntries } from '../portfolio/service.js';

/**
 * Daan (De Brug, vmbo-kader year 4) applied to Helpende Zorg en Welzijn at the ROC: his
 * transfer form is started and partly filled in, not consented to and not sent.
 */
export async function transitionDemo(trx: Transaction<DB>, school: DemoSchool): Promise<void> {
  const daan = school.users.leerling;
  if (!daan) return;
  await addTransferPupilEntries(trx, daan, school.today);
  const deBrug = await trx.selectFrom('institutions').select('id').where('brin', '=', '99DB').executeTakeFirstOrThrow();
  const now = new Date(`${school.today}T09:00:00Z`);
  await trx
    .insertInto('transfers')
    .values({
      student_id: daan,
      from_institution_id: deBrug.id,
      to_institution_id: school.institutionId,
      programme_id: school.programmes['25498'],
      choice: 'Helpende Zorg en Welzijn, niveau 2',
      motivation: 'Ik wil mensen helpen. Tijdens mijn snuffelstage merkte ik dat ik dat goed kan en leuk vind.',
      lob_activities: 'Snuffelstage in de zorg (3 dagen), open dag ROC Koersland, beroepentest in leerjaar 3.',
      advice: 'Daan past goed bij niveau 2. Hij werkt rustig en zorgvuldig.',
      support_needs: 'Extra tijd bij toetsen; een vaste mentor helpt hem.',
      contact_name: 'Fatima Ouali (decaan)',
      contact_email: 'decaan@demo.koers.nl',
      created_by: daan,
      created_at: now,
      updated_at: now,
    })
    .execute();
}
