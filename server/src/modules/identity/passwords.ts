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

// Words a Dutch school's users reach for first; zxcvbn's dictionaries cover the rest.
const LOCAL_BLOCKLIST = ['koers', 'wachtwoord', 'welkom', 'school', 'mbo', 'roc', 'stage', 'loopbaan'];

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * NIST SP 800-63B: a minimum length, a blocklist of common and guessable passwords, no
 * composition rules. Returns an error code, or null when the password is acceptable.
 */
export function checkPasswordStrength(password: string, userInputs: string[] = []): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'password_too_short';
  if (password.length > PASSWORD_MAX_LENGTH) return 'password_too_long';
  const result = strengthChecker().check(password, [...LOCAL_BLOCKLIST, ...userInputs]);
  return result.score < 3 ? 'password_too_common' : null;
}

/**
 * Throws a 400 naming `field` when the password breaks the strength rules. The person's own
 * name and e-mail address count as guessable.
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
