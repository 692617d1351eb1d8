import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Deps } from '../../platform/http.js';
import { zipSync } from 'fflate';
import type { ErasedPerson, ExportScope, PersonFile } from '../../platform/privacy.js';
import { AppError } from '../../platform/errors.js';
import type { SessionStore } from '../identity/service.js';
import type { KoersModule } from '../manifest.js';

/**
 * The rights of access, portability and erasure (AVG art. 15, 17, 20) for one person, across
 * every module: each module's privacy provider says what it holds and how to remove it.
 */
export async function exportPerson(deps: Deps, modules: readonly KoersModule[], userId: string, scope: ExportScope = 'own') {
  const data: Record<string, unknown> = {};
  for (const m of modules) if (m.privacy) data[m.name] = await m.privacy.exportFor(deps.db, userId, scope);
  return { exportedAt: deps.clock.now().toISOString(), personId: userId, modules: data };
}

/**
 * The export as a zip: `data.json` (the same as the JSON export), every file the person stored
 * under `files/`, and `manifest.json` listing each part with its size and SHA-256, so the person
 * (or the school answering a request) can check the export is complete.
 */
export async function exportPersonZip(deps: Deps, modules: readonly KoersModule[], userId: string, scope: ExportScope = 'own'): Promise<Uint8Array> {
  const data = await exportPerson(deps, modules, userId, scope);
  const files: PersonFile[] = [];
  for (const m of modules) if (m.privacy?.filesFor) files.push(...(await m.privacy.filesFor(deps.db, userId, scope)));
  const dataJson = new TextEncoder().encode(JSON.stringify(data, null, 2));
  const entries: Record<string, Uint8Array> = { 'data.json': dataJson };
  const manifestFiles = files.map((f) => {
    const path = `files/${f.category}/${f.id}-${safeFilename(f.filename)}`;
    const content = new Uint8Array(f.content);
    entries[path] = content;
    return { path, category: f.category, id: f.id, filename: f.filename, mediaType: f.mediaType, createdAt: new Date(f.createdAt).toISOString(), bytes: content.byteLength, sha256: sha256(content) };
  });
  const manifest = {
    exportedAt: data.exportedAt,
    personId: userId,
    categories: Object.fromEntries(Object.entries(data.modules).map(([module, d]) => [module, Object.keys(d as object)])),
    data: { path: 'data.json', bytes: dataJson.byteLength, sha256: sha256(dataJson) },
    files: manifestFiles,
  };
  entries['manifest.json'] = new TextEncoder().encode(JSON.stringify(manifest, null, 2));
  return zipSync(entries, { level: 6 });
}

const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

/** A file name safe inside a zip on every system: no paths, no control or bidi characters. */
function safeFilename(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[\/\\:*?"<>|]/g, '_')
    .trim();
  return cleaned.slice(-120) || 'bestand';
}

export async function erasePerson(
  deps: Deps,
  sessions: SessionStore,
  modules: readonly KoersModule[],
  input: { userId: string; actorId: string; institutionId: string; ip?: string },
) {
  // Buffered staff reads of this person must be in the table before it is pseudonymised.
  await deps.audit.flush();
  // The audit keeps the event under a fresh pseudonym that links the person's rows to each
  // other but to no one; it is not stored anywhere else.
  const pseudonym = crypto.randomUUID();
  await deps.db.transaction().execute(async (trx) => {
    const person = await erasedPerson(trx, input.userId);
    // Later modules build on earlier ones (org holds the user row itself), so erase in reverse.
    for (const m of [...modules].reverse()) await m.privacy?.eraseFor(trx, input.userId, person);
    const gone = await trx.selectFrom('users').select('id').where('id', '=', input.userId).executeTakeFirst();
    if (gone) throw new AppError(500, 'internal');
    await deps.audit.pseudonymise(trx, input.userId, pseudonym, [person.email, ...person.names]);
    await deps.audit.record(
      {
        action: 'privacy.erase',
        actorId: input.actorId,
        institutionId: input.institutionId,
        subjectType: 'user',
        subjectId: pseudonym,
        studentId: pseudonym,
        ip: input.ip,
        details: { modules: modules.filter((m) => m.privacy).map((m) => m.name) },
      },
      trx,
    );
  });
  sessions.forget(input.userId);
}

async function erasedPerson(trx: Kysely<DB>, userId: string): Promise<ErasedPerson> {
  const u = await trx.selectFrom('users').select(['email', 'display_name', 'given_name', 'family_name']).where('id', '=', userId).executeTakeFirstOrThrow();
  const names = [...new Set([u.display_name, `${u.given_name} ${u.family_name}`].map((n) => n.trim()).filter(Boolean))];
  return { userId, email: u.email, names };
}

/** The institutions a person holds roles in: erasure is only for an admin of all of them. */
export async function institutionsOf(deps: Pick<Deps, 'db'>, userId: string): Promise<string[]> {
  const rows = await deps.db.selectFrom('user_roles').select('institution_id').distinct().where('user_id', '=', userId).execute();
  return rows.map((r) => r.institution_id);
}
