import { beforeEach, describe, expect, it } from 'vitest';

/** A minimal Web Storage for the node test environment. */
class MemoryStorage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, String(v));
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
  clear() {
    this.items.clear();
  }
}
// Object.keys(storage) lists the stored keys in browsers; a Proxy gives the same here.
function storage() {
  const m = new MemoryStorage();
  return new Proxy(m, {
    ownKeys: () => [...(m as any).items.keys()],
    getOwnPropertyDescriptor: (_t, k) => ((m as any).items.has(k) ? { enumerable: true, configurable: true, value: m.getItem(String(k)) } : undefined),
  });
}

describe('drafts on a shared school computer', () => {
  beforeEach(() => {
    (globalThis as any).localStorage = storage();
    (globalThis as any).sessionStorage = storage();
  });

  it("keeps a reflection draft under the account, removes every draft at sign-out and other accounts' at sign-in", async () => {
    const { clearDrafts, draftKey, localDraftKey } = await import('./session');
    localStorage.setItem(localDraftKey('sanne', 'portfolio.entry.new'), JSON.stringify({ form: { title: 'Mijn stage' } }));
    localStorage.setItem(localDraftKey('daan', 'portfolio.entry.new'), JSON.stringify({ form: { title: 'Van Daan' } }));
    localStorage.setItem('koers.portfolio.form.new', JSON.stringify({ form: { title: 'Van niemand' } }));
    sessionStorage.setItem(draftKey('sanne', 'message'), 'Hoi');
    localStorage.setItem('koers.lang', 'nl');

    // Two accounts never share a key.
    expect(localDraftKey('sanne', 'portfolio.entry.new')).not.toBe(localDraftKey('daan', 'portfolio.entry.new'));

    // Daan signs in on the computer Sanne used: only Daan's own draft is left.
    clearDrafts('daan');
    expect(localStorage.getItem(localDraftKey('sanne', 'portfolio.entry.new'))).toBeNull();
    expect(localStorage.getItem('koers.portfolio.form.new')).toBeNull();
    expect(sessionStorage.getItem(draftKey('sanne', 'message'))).toBeNull();
    expect(localStorage.getItem(localDraftKey('daan', 'portfolio.entry.new'))).not.toBeNull();

    // Daan signs out: nothing of his stays behind, settings do.
    clearDrafts();
    expect(localStorage.getItem(localDraftKey('daan', 'portfolio.entry.new'))).toBeNull();
    expect(localStorage.getItem('koers.lang')).toBe('nl');
  });
});
