import { registerErrorMessages } from '../../platform/errors.js';

/** Error messages of the transition module, in Dutch (B1) and English. */
registerErrorMessages({
  consent_missing: {
    nl: 'Het formulier kan nog niet verstuurd worden: de toestemming die nodig is, ontbreekt nog.',
    en: 'The form cannot be sent yet: the consent it needs is still missing.',
  },
  transfer_not_draft: { nl: 'Dit formulier is al verstuurd en kan niet meer veranderen.', en: 'This form was already sent and can no longer change.' },
  transfer_not_sent: { nl: 'Dit formulier is nog niet verstuurd of al geaccepteerd.', en: 'This form has not been sent yet or was already accepted.' },
  transfer_exists: { nl: 'Er is al een overstapformulier naar deze school dat nog niet verstuurd is.', en: 'There already is an unsent transfer form to this school.' },
  transfer_field_not_yours: { nl: 'Dit deel van het formulier vult iemand anders in.', en: 'Someone else fills in this part of the form.' },
  intake_not_planned: { nl: 'Plan eerst het intakegesprek.', en: 'Plan the intake conversation first.' },
  import_student_unknown: { nl: 'Deze leerling staat niet in Koers. Vul het e-mailadres in waarmee de leerling inlogt.', en: 'This pupil is not in Koers. Give the e-mail address the pupil signs in with.' },
});
