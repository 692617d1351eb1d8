import { reportSessionEnded } from './session';

/**
 * The one way the web client talks to the API: same origin, session cookie, CSRF token on
 * every write, and the contract's error shape turned into an ApiError.
 */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

export async function api<T = unknown>(path: string, init: { method?: string; body?: unknown; form?: FormData; csv?: string } = {}): Promise<T> {
  const method = init.method ?? (init.body !== undefined || init.form || init.csv !== undefined ? 'POST' : 'GET');
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': document.documentElement.lang || 'nl' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let body: BodyInit | undefined;
  if (init.form) body = init.form;
  else if (init.csv !== undefined) {
    headers['content-type'] = 'text/csv; charset=utf-8';
    body = init.csv;
  }
  else if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  const res = await fetch(`/api/v1${path}`, { method, headers, body, credentials: 'same-origin' });
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const e = data?.error ?? {};
    // The session ended while the person worked: the app takes them through the login and back.
    if (res.status === 401 && e.code === 'unauthenticated' && csrfToken) {
      csrfToken = null;
      reportSessionEnded();
    }
    throw new ApiError(res.status, e.code ?? 'unknown', e.message ?? res.statusText, e.fields ?? {});
  }
  return data as T;
}
