import { useCallback, useEffect, useState } from 'react';
import { useMe } from './auth';

/**
 * Input a person has typed but not saved yet, kept in this browser tab (sessionStorage) under
 * their own account: after a session ends and they sign in again, the text is back; another
 * person signing in on the same computer never sees it. Signing out removes all drafts.
 */
import { draftKey } from './session';

export function useDraft(key: string): [string, (value: string) => void, () => void] {
  const { data: me } = useMe();
  const userId = me?.id;
  const [value, setValue] = useState(() => (userId ? sessionStorage.getItem(draftKey(userId, key)) ?? '' : ''));

  // The account may be known only after the first render (the page loaded before /me answered).
  useEffect(() => {
    if (!userId) return;
    const saved = sessionStorage.getItem(draftKey(userId, key));
    if (saved) setValue((current) => current || saved);
  }, [userId, key]);

  const update = useCallback(
    (next: string) => {
      setValue(next);
      if (!userId) return;
      if (next) sessionStorage.setItem(draftKey(userId, key), next);
      else sessionStorage.removeItem(draftKey(userId, key));
    },
    [userId, key],
  );
  const clear = useCallback(() => update(''), [update]);
  return [value, update, clear];
}
