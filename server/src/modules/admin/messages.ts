import { AppError, errorMessage, registerErrorMessages } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n.js';

/** Error codes of the administration, in Dutch and English. */
registerErrorMessages({
  admin_reference_unknown: { nl: 'Deze keuze bestaat niet in deze instelling.', en: 'This choice does not exist in this institution.' },
  admin_email_taken: { nl: 'Er bestaat al een account met dit e-mailadres.', en: 'An account with this e-mail address already exists.' },
  admin_group_code_taken: { nl: 'Deze instelling heeft al een groep met deze code.', en: 'This institution already has a group with this code.' },
  admin_name_taken: { nl: 'Deze naam is al in gebruik.', en: 'This name is already in use.' },
  admin_programme_taken: {
    nl: 'Deze opleiding (crebo, leerweg en locatie) bestaat al.',
    en: 'This opleiding (crebo, pathway and location) already exists.',
  },
  admin_role_exists: { nl: 'Deze persoon heeft deze rol al.', en: 'This person already has this role.' },
  admin_already_member: { nl: 'Deze persoon is al lid.', en: 'This person is already a member.' },
  admin_already_mentor: { nl: 'Deze persoon is al mentor van deze groep.', en: 'This person already mentors this group.' },
  admin_duplicate: { nl: 'Dit bestaat al.', en: 'This already exists.' },
  admin_in_use: {
    nl: 'Dit is nog in gebruik en kan niet worden verwijderd.',
    en: 'This is still in use and cannot be removed.',
  },
  admin_not_yourself: {
    nl: 'Je kunt jezelf niet uitschakelen of je eigen beheerdersrol afnemen.',
    en: 'You cannot disable yourself or remove your own administrator role.',
  },
  admin_cursor_invalid: { nl: 'Deze cursor is ongeldig; begin opnieuw bij de eerste pagina.', en: 'This cursor is invalid; start again at the first page.' },
  admin_period_invalid: { nl: 'De einddatum ligt vóór de begindatum.', en: 'The end date is before the start date.' },
});

/**
 * The org write functions name an error code per field; the client gets the message in its
 * language, the same way zod's messages arrive.
 */
export function localiseFields(err: unknown, locale: Locale): unknown {
  if (!(err instanceof AppError) || !err.fields) return err;
  const fields: Record<string, string> = {};
  for (const [field, value] of Object.entries(err.fields)) fields[field] = value.startsWith('admin_') ? errorMessage(value, locale) : value;
  return new AppError(err.status, err.code, fields, err.message);
}
