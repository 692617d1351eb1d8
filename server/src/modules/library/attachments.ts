import path from 'node:path';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { AppError } from '../../platform/errors.js';
// One content sniffer for all uploads: the portfolio's (magic numbers decide, never the name).
import { sniffType } from '../portfolio/service.js';

type Ctx = Pick<Deps, 'db' | 'clock' | 'audit'>;

/**
 * Attachments of an exercise in the Loopbaanmagazijn: worksheets as PDF and pictures. The
 * bytes decide what a file is and the name's extension must agree; a disguised file is refused
 * before anything is written. Stored in PostgreSQL (bytea) like evidence, outside the web root.
 */
const MB = 1024 * 1024;
export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'];
export const MAX_ATTACHMENT_BYTES = 10 * MB;
export const MAX_ATTACHMENTS_PER_EXERCISE = 10;

export interface AttachmentView {
  id: string;
  filename: string;
  mediaType: string;
  sizeBytes: number;
}

export interface CheckedAttachment {
  filename: string;
  mediaType: string;
  content: Buffer;
}

/** Whether an uploaded file may be attached; throws a 4xx naming the field 'file' otherwise. */
export function checkAttachment(filename: string, content: Buffer): CheckedAttachment {
  if (content.length === 0) throw new AppError(400, 'attachment_empty', { file: 'Het bestand is leeg.' });
  const ext = path.extname(filename).toLowerCase();
  const allowedExtensions = ['.pdf', '.jpg', '.jpeg', '.png', '.webp'];
  if (!allowedExtensions.includes(ext)) {
    throw new AppError(415, 'attachment_type_not_allowed', { file: 'Kies een pdf of een afbeelding (jpg, png, webp).' });
  }
  const actual = sniffType(content);
  if (!actual || !ATTACHMENT_TYPES.includes(actual.mediaType) || !actual.extensions.includes(ext)) {
    throw new AppError(415, 'attachment_content_mismatch', { file: `Dit bestand is geen echte ${ext.slice(1)}. Het wordt niet opgeslagen.` });
  }
  if (content.length > Math.min(actual.maxBytes, MAX_ATTACHMENT_BYTES)) {
    throw new AppError(413, 'attachment_too_large', { file: `Dit bestand is te groot. Het mag maximaal ${Math.min(actual.maxBytes, MAX_ATTACHMENT_BYTES) / MB} MB zijn.` });
  }
  return { filename: safeFilename(filename), mediaType: actual.mediaType, content };
}

/** The base name only, without path or control characters, for Content-Disposition. */
function safeFilename(name: string): string {
  // Control characters and bidi overrides ('\u202egpj.exe' shows as 'exe.jpg') go.
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069"]/g, '').trim();
  return base.slice(-120) || 'bijlage';
}

/** Stores an attachment under a row lock on the exercise (the per-exercise limit holds under races); audited. */
export async function storeAttachment(deps: Ctx, actor: Actor, exercise: { id: string; institutionId: string }, file: CheckedAttachment, ip?: string): Promise<AttachmentView> {
  return deps.db.transaction().execute(async (trx) => {
    await trx.selectFrom('library_exercises').select('id').where('id', '=', exercise.id).forUpdate().executeTakeFirstOrThrow();
    const { n } = await trx
      .selectFrom('library_attachments')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('exercise_id', '=', exercise.id)
      .executeTakeFirstOrThrow();
    if (Number(n) >= MAX_ATTACHMENTS_PER_EXERCISE) {
      throw new AppError(422, 'attachment_limit', { file: `Een oefening heeft maximaal ${MAX_ATTACHMENTS_PER_EXERCISE} bijlagen.` });
    }
    const row = await trx
      .insertInto('library_attachments')
      .values({ exercise_id: exercise.id, filename: file.filename, media_type: file.mediaType, size_bytes: file.content.length, content: file.content, created_at: deps.clock.now() })
      .returning(['id', 'filename', 'media_type', 'size_bytes'])
      .executeTakeFirstOrThrow();
    await deps.audit.record(
      { action: 'library.attachment.create', actorId: actor.userId, institutionId: exercise.institutionId, subjectType: 'library_exercise', subjectId: exercise.id, ip, details: { attachmentId: row.id, mediaType: row.media_type } },
      trx,
    );
    return { id: row.id, filename: row.filename, mediaType: row.media_type, sizeBytes: Number(row.size_bytes) };
  });
}

export async function removeAttachment(deps: Ctx, actor: Actor, attachmentId: string, exercise: { id: string; institutionId: string }, ip?: string) {
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('library_attachments').where('id', '=', attachmentId).execute();
    await deps.audit.record(
      { action: 'library.attachment.delete', actorId: actor.userId, institutionId: exercise.institutionId, subjectType: 'library_exercise', subjectId: exercise.id, ip, details: { attachmentId } },
      trx,
    );
  });
}

/** The attachments of an exercise, without their content; one query. */
export async function listAttachments(deps: Pick<Deps, 'db'>, exerciseId: string): Promise<AttachmentView[]> {
  const rows = await deps.db
    .selectFrom('library_attachments')
    .select(['id', 'filename', 'media_type', 'size_bytes'])
    .where('exercise_id', '=', exerciseId)
    .orderBy('created_at')
    .orderBy('filename')
    .execute();
  return rows.map((r) => ({ id: r.id, filename: r.filename, mediaType: r.media_type, sizeBytes: Number(r.size_bytes) }));
}

export async function attachmentExercise(deps: Pick<Deps, 'db'>, attachmentId: string): Promise<string | null> {
  const row = await deps.db.selectFrom('library_attachments').select('exercise_id').where('id', '=', attachmentId).executeTakeFirst();
  return row?.exercise_id ?? null;
}

export async function loadAttachmentFile(deps: Pick<Deps, 'db'>, attachmentId: string) {
  const row = await deps.db.selectFrom('library_attachments').select(['filename', 'media_type', 'content']).where('id', '=', attachmentId).executeTakeFirstOrThrow();
  // pg gives a Buffer, PGlite a Uint8Array.
  return { filename: row.filename, mediaType: row.media_type, content: Buffer.from(row.content) };
}
