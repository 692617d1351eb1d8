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

/** Removes every draft in this tab: on sign-out, and those of other accounts on sign-in. */
export function clearDrafts(keepUserId?: string) {
  for (const key of Object.keys(sessionStorage)) {
    if (key.startsWith(DRAFT_PREFIX) && !(keepUserId && key.startsWith(draftKey(keepUserId, '')))) sessionStorage.removeItem(key);
  }
}
