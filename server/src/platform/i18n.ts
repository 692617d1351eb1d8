import type { FastifyRequest } from 'fastify';

export type Locale = 'nl' | 'en';

/** Dutch first; English only when the client prefers it (or asks with ?lang=en). */
export function requestLocale(req: FastifyRequest): Locale {
  const explicit = (req.query as Record<string, unknown> | undefined)?.lang;
  if (explicit === 'en' || explicit === 'nl') return explicit;
  const header = req.headers['accept-language'];
  if (typeof header !== 'string') return 'nl';
  const preferred = header
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=');
      return { tag: tag.toLowerCase(), q: q ? Number(q) : 1 };
    })
    .filter((p) => p.tag.startsWith('nl') || p.tag.startsWith('en'))
    .sort((a, b) => b.q - a.q)[0];
  return preferred?.tag.startsWith('en') ? 'en' : 'nl';
}
