import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as dutch from '@zxcvbn-ts/language-nl-be';
import type { Locale } from '../../platform/i18n.js';
import { fieldError } from './messages.js';

// OWASP's argon2id baseline: 19 MiB memory, 2 iterations, 1 lane.
// Algorithm is a const enum, which isolated modules cannot read at run time: 2 is Argon2id.
const ARGON2 = { algorithm: 2 as Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, ARGON2);

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

// Verified against when an account does not exist, so a wrong e-mail costs the same time as
// a wrong password and response times reveal nothing.
let dummyHash: Promise<string> | null = null;
export async function burnPasswordCheck(password: string) {
  dummyHash ??= hashPassword('koers-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
}

let strength: ZxcvbnFactory | null = null;
function strengthChecker(): ZxcvbnFactory {
  // Built on first use: the dictionaries take a moment to index.
  strength ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...dutch.dictionary },
    graphs: common.adjacencyGraphs,
  });
  return strength;
}

// Words a Dutch school's users reach for first; zxcvbn's dictionaries cover the rest. The
// product's own name (and its demo password's parts) are always guessable.
const LOCAL_BLOCKLIST = ['koers', 'demo', 'wachtwoord', 'welkom', 'school', 'mbo', 'roc', 'stage', 'loopbaan', 'zomer', 'winter', 'lente', 'herfst'];

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
/**
 * zxcvbn's estimate of guesses an offline attacker needs, as log10. 10^10 (zxcvbn score 4)
 * refuses a dictionary word dressed up with a year and punctuation ('Zomer2025!!', 8.1) while
 * a four-word passphrase passes easily.
 */
export const PASSWORD_MIN_GUESSES_LOG10 = 10;

let commonPasswords: Set<string> | null = null;
/** The common-password list zxcvbn ships (from published breach corpora), as a set. */
function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(((common.dictionary as Record<string, string[]>)['passwords-common'] ?? []).map((p) => p.toLowerCase()));
  const lower = password.toLowerCase();
  // 'Welkom123!' is 'welkom' with the usual decoration: strip trailing digits and symbols too.
  const core = lower.replace(/[\d\W_]+$/u, '');
  return commonPasswords.has(lower) || (core.length > 0 && commonPasswords.has(core));
}

/**
 * NIST SP 800-63B: a minimum length, a blocklist of breached and guessable passwords, no
 * composition rules. `userInputs` are the person's own words (name, e-mail, school); they count
 * as known to an attacker. Returns an error code, or null when the password is acceptable.
 */
export function checkPasswordStrength(password: string, userInputs: string[] = []): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'password_too_short';
  if (password.length > PASSWORD_MAX_LENGTH) return 'password_too_long';
  if (isCommonPassword(password)) return 'password_too_common';
  const result = strengthChecker().check(password, [...LOCAL_BLOCKLIST, ...userInputs]);
  return result.guessesLog10 < PASSWORD_MIN_GUESSES_LOG10 ? 'password_too_common' : null;
}

/**
 * Throws a 400 naming `field` when the password breaks the strength rules. The person's own
 * name, e-mail address and school count as guessable.
 */
export function assertAcceptablePassword(password: string, userInputs: string[], locale: Locale, field = 'newPassword') {
  const problem = checkPasswordStrength(password, userInputs.flatMap(guessableParts));
  if (problem) throw fieldError(400, problem, field, locale);
}

// "marloes.de.wit@example.nl" → the address and its words, each a likely password ingredient.
function guessableParts(input: string): string[] {
  const lower = input.trim().toLowerCase();
  return lower ? [lower, ...lower.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3)] : [];
}
