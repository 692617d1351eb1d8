/**
 * What happens when the session ends while someone works (idle timeout, logged out elsewhere).
 * The API client reports every 401 here; the app then forgets the signed-in user, the guard
 * sends them to the login page with the way back, and the login page says why in plain words.
 * Unsaved input survives through drafts (drafts.ts), for the same account only.
 */
type Listener = () => void;

const listeners = new Set<Listener>();
const ENDED_FLAG = 'koers.sessionEnded';

export function onSessionEnded(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function reportSessionEnded() {
  sessionStorage.setItem(ENDED_FLAG, '1');
  for (const listener of listeners) listener();
}

/** True once after the session ended: the login page shows its message and clears it. */
export function takeSessionEndedNotice(): boolean {
  const ended = sessionStorage.getItem(ENDED_FLAG) === '1';
  sessionStorage.removeItem(ENDED_FLAG);
  return ended;
}

const DRAFT_PREFIX = 'koers.draft.';

/** Where a person's unsaved input for one form lives in this tab (see drafts.ts). */
export const draftKey = (userId: string, key: string) => `${DRAFT_PREFIX}${userId}.${key}`;

/**
 * Long texts (a reflection) are kept on the device in localStorage so a closed tab loses nothing.
 * School computers are shared: the key names the account, the form reads only its own account's
 * draft, and sign-out removes them all.
 */
const LOCAL_DRAFT_PREFIX = 'koers.form.';
export const localDraftKey = (userId: string, key: string) => `${LOCAL_DRAFT_PREFIX}${userId}.${key}`;
// Drafts saved before they were tied to an account: nobody can tell whose they are.
const UNOWNED_DRAFT_PREFIXES = ['koers.portfolio.form.'];

function clearStorage(storage: Storage, prefix: string, keep: string | null) {
  for (const key of Object.keys(storage)) {
    if (key.startsWith(prefix) && !(keep && key.startsWith(keep))) storage.removeItem(key);
  }
}

/** Removes every draft on this device: on sign-out, and those of other accounts on sign-in. */
export function clearDrafts(keepUserId?: string) {
  clearStorage(sessionStorage, DRAFT_PREFIX, keepUserId ? draftKey(keepUserId, '') : null);
  clearStorage(localStorage, LOCAL_DRAFT_PREFIX, keepUserId ? localDraftKey(keepUserId, '') : null);
  for (const prefix of UNOWNED_DRAFT_PREFIXES) clearStorage(localStorage, prefix, null);
}
