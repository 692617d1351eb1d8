import { AppError, errorMessage, registerErrorMessages } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n.js';

/** Error codes of MFA, password change and reset, and invitations, in Dutch and English. */
registerErrorMessages({
  field_required: { nl: 'Vul dit veld in.', en: 'This field is required.' },
  mfa_code_invalid: { nl: 'Deze code klopt niet.', en: 'This code is not correct.' },
  mfa_code_or_recovery: { nl: 'Vul een code uit je authenticator-app of een herstelcode in.', en: 'Enter a code from your authenticator app or a recovery code.' },
  mfa_already_enrolled: {
    nl: 'Er is al een authenticator-app gekoppeld. Bevestig eerst je inlog met een code.',
    en: 'An authenticator app is already linked. Confirm your sign-in with a code first.',
  },
  mfa_not_started: { nl: 'Begin eerst met het koppelen van je authenticator-app.', en: 'Start linking your authenticator app first.' },
  mfa_not_enrolled: { nl: 'Er is nog geen authenticator-app gekoppeld.', en: 'No authenticator app is linked yet.' },
  mfa_required_for_role: {
    nl: 'Voor jouw rol is inloggen met een authenticator-app verplicht; je kunt het niet uitzetten.',
    en: 'Your role requires an authenticator app; it cannot be turned off.',
  },
  password_incorrect: { nl: 'Je huidige wachtwoord klopt niet.', en: 'Your current password is not correct.' },
  no_password_set: { nl: 'Je account heeft nog geen wachtwoord.', en: 'Your account has no password yet.' },
  password_too_short: { nl: 'Kies een wachtwoord van minstens 10 tekens.', en: 'Choose a password of at least 10 characters.' },
  password_too_long: { nl: 'Een wachtwoord mag hoogstens 128 tekens lang zijn.', en: 'A password can be at most 128 characters long.' },
  password_too_common: {
    nl: 'Dit wachtwoord is te makkelijk te raden. Kies bijvoorbeeld een zin van een paar ongewone woorden.',
    en: 'This password is too easy to guess. Try a sentence of a few unusual words.',
  },
  password_unchanged: { nl: 'Kies een ander wachtwoord dan je huidige.', en: 'Choose a password different from your current one.' },
  password_reset_requested: {
    nl: 'Als dit e-mailadres bij Koers bekend is, krijg je binnen een paar minuten een e-mail met een link om een nieuw wachtwoord te kiezen.',
    en: 'If this e-mail address is known to Koers, you will receive an e-mail with a link to choose a new password within a few minutes.',
  },
  reset_token_invalid: {
    nl: 'Deze herstellink is ongeldig, al gebruikt of verlopen. Vraag een nieuwe link aan.',
    en: 'This reset link is invalid, already used or expired. Request a new one.',
  },
  invitation_invalid: {
    nl: 'Deze uitnodiging is ongeldig, al gebruikt of verlopen. Vraag de school om een nieuwe.',
    en: 'This invitation is invalid, already used or expired. Ask the school for a new one.',
  },
  internship_not_found: { nl: 'Deze stage hoort niet bij deze student.', en: 'This internship does not belong to this student.' },
  internship_not_for_parent: { nl: 'Alleen een praktijkopleider wordt voor een stage uitgenodigd.', en: 'Only a praktijkopleider is invited for an internship.' },
  invitation_email_is_student: { nl: 'Dit is het e-mailadres van de student zelf.', en: 'This is the e-mail address of the student.' },
  invitation_sign_in_first: {
    nl: 'Er bestaat al een account met dit e-mailadres. Log eerst in en open de uitnodiging daarna opnieuw.',
    en: 'An account with this e-mail address already exists. Sign in first, then open the invitation again.',
  },
  invitation_other_account: {
    nl: 'Deze uitnodiging is voor een ander e-mailadres dan dat van het account waarmee je bent ingelogd.',
    en: 'This invitation is for a different e-mail address than the account you are signed in with.',
  },
  mail_unavailable: {
    nl: 'De e-mail kon niet worden verstuurd. Probeer het later opnieuw.',
    en: 'The e-mail could not be sent. Try again later.',
  },
});

/** A 4xx that names the one field the client must correct, with the message in its language. */
export function fieldError(status: number, code: string, field: string, locale: Locale): AppError {
  return new AppError(status, code, { [field]: errorMessage(code, locale) });
}
