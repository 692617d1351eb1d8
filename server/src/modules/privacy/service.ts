import type { Deps } from '../../platform/http.js';
import { AppError } from '../../platform/errors.js';
import type { SessionStore } from '../identity/service.js';
import type { KoersModule } from '../manifest.js';

/**
 * The rights of access, portability and erasure (AVG art. 15, 17, 20) for one person, across
 * every module: each module's privacy provider says what it holds and how to remove it.
 */
export async function exportPerson(deps: Deps, modules: readonly KoersModule[], userId: string) {
  const data: Record<string, unknown> = {};
  for (const m of modules) if (m.privacy) data[m.name] = await m.privacy.exportFor(deps.db, userId);
  return { exportedAt: deps.clock.now().toISOString(), personId: userId, modules: data };
}

export async function erasePerson(
  deps: Deps,
  sessions: SessionStore,
  modules: readonly KoersModule[],
  input: { userId: string; actorId: string; institutionId: string; ip?: string },
) {
  await deps.db.transaction().execute(async (trx) => {
    // Later modules build on earlier ones (org holds the user row itself), so erase in reverse.
    for (const m of [...modules].reverse()) await m.privacy?.eraseFor(trx, input.userId);
    const gone = await trx.selectFrom('users').select('id').where('id', '=', input.userId).executeTakeFirst();
    if (gone) throw new AppError(500, 'internal');
    await deps.audit.record(
      {
        action: 'privacy.erase',
        actorId: input.actorId,
        institutionId: input.institutionId,
        subjectType: 'user',
        subjectId: input.userId,
        studentId: input.userId,
        ip: input.ip,
        details: { modules: modules.filter((m) => m.privacy).map((m) => m.name) },
      },
      trx,
    );
  });
  sessions.forget(input.userId);
}

/** The institutions a person holds roles in: erasure is only for an admin of all of them. */
export async function institutionsOf(deps: Pick<Deps, 'db'>, userId: string): Promise<string[]> {
  const rows = await deps.db.selectFrom('user_roles').select('institution_id').distinct().where('user_id', '=', userId).execute();
  return rows.map((r) => r.institution_id);
}
