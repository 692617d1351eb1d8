import type { FastifyRequest } from 'fastify';
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import type { Role } from '../org/tables.js';

export const SESSION_COOKIE = 'koers_session';

/** The session token a request carries in its cookie. */
export function sessionToken(req: FastifyRequest): string | undefined {
  return req.cookies[SESSION_COOKIE];
}

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
  mfaPending: boolean;
  expiresAt: Date;
  lastSeenAt: Date;
}

export const sha256 = (value: string) => crypto.createHash('sha256').update(value).digest('hex');
export const randomToken = (bytes = 32) => crypto.randomBytes(bytes).toString('base64url');

/**
 * Sessions live in the database (revocable, shared by every process). A resolved session is
 * kept in memory for a few seconds so an API request costs one database round trip, not two;
 * logout and password changes drop it from this cache at once.
 */
export class SessionStore {
  private cache = new Map<string, { session: ResolvedSession; cachedAt: number }>();
  private static readonly CACHE_MS = 5_000;
  private static readonly TOUCH_MS = 60_000;

  constructor(private readonly deps: Pick<Deps, 'db' | 'clock' | 'config'>) {}

  async create(userId: string, opts: { mfaPassed: boolean; ip?: string; userAgent?: string }) {
    const token = randomToken();
    const csrfToken = randomToken();
    const now = this.deps.clock.now();
    const expiresAt = new Date(now.getTime() + this.deps.config.sessionAbsoluteHours * 3_600_000);
    await this.deps.db
      .insertInto('sessions')
      .values({
        token_hash: sha256(token),
        user_id: userId,
        csrf_token: csrfToken,
        mfa_passed: opts.mfaPassed,
        created_at: now,
        last_seen_at: now,
        expires_at: expiresAt,
        ip: opts.ip ?? null,
        user_agent: opts.userAgent?.slice(0, 300) ?? null,
      })
      .execute();
    return { token, csrfToken, expiresAt };
  }

  async resolve(token: string): Promise<ResolvedSession | null> {
    const tokenHash = sha256(token);
    const now = this.deps.clock.now();
    const cached = this.cache.get(tokenHash);
    let session = cached && now.getTime() - cached.cachedAt < SessionStore.CACHE_MS ? cached.session : null;
    if (!session) {
      session = await this.load(tokenHash);
      if (!session) {
        this.cache.delete(tokenHash);
        return null;
      }
      this.cache.set(tokenHash, { session, cachedAt: now.getTime() });
      if (this.cache.size > 50_000) this.cache.delete(this.cache.keys().next().value!);
    }
    const idleLimit = session.lastSeenAt.getTime() + this.deps.config.sessionIdleMinutes * 60_000;
    if (now >= session.expiresAt || now.getTime() >= idleLimit) {
      await this.revoke(token);
      return null;
    }
    if (now.getTime() - session.lastSeenAt.getTime() > SessionStore.TOUCH_MS) {
      session.lastSeenAt = now;
      await this.deps.db.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
    }
    return session;
  }

  private async load(tokenHash: string): Promise<ResolvedSession | null> {
    const row = await this.deps.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select([
        's.user_id',
        's.csrf_token',
        's.mfa_passed',
        's.expires_at',
        's.last_seen_at',
        'u.display_name',
        'u.status',
        sql<{ institutionId: string; role: Role }[]>`coalesce((select json_agg(json_build_object('institutionId', r.institution_id, 'role', r.role)) from user_roles r where r.user_id = u.id), '[]'::json)`.as(
          'roles',
        ),
      ])
      .where('s.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row || row.status !== 'active') return null;
    return {
      actor: { userId: row.user_id, displayName: row.display_name, roles: row.roles, sessionId: tokenHash },
      csrfToken: row.csrf_token,
      mfaPending: !row.mfa_passed,
      expiresAt: new Date(row.expires_at),
      lastSeenAt: new Date(row.last_seen_at),
    };
  }

  async markMfaPassed(tokenHash: string) {
    await this.deps.db.updateTable('sessions').set({ mfa_passed: true }).where('token_hash', '=', tokenHash).execute();
    this.cache.delete(tokenHash);
  }

  async revoke(token: string) {
    const tokenHash = sha256(token);
    this.cache.delete(tokenHash);
    await this.deps.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  /** Ends every session of a user, except optionally the one making the change. */
  async revokeAllFor(userId: string, exceptTokenHash?: string) {
    for (const [hash, entry] of this.cache) if (entry.session.actor.userId === userId && hash !== exceptTokenHash) this.cache.delete(hash);
    let q = this.deps.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptTokenHash) q = q.where('token_hash', '!=', exceptTokenHash);
    await q.execute();
  }

  /** Drops cached sessions of a user whose roles changed, so new rights apply at once. */
  forget(userId: string) {
    for (const [hash, entry] of this.cache) if (entry.session.actor.userId === userId) this.cache.delete(hash);
  }
}
