import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/http.js';
import { AppError } from '../../platform/errors.js';
import { identifyUpload, sniffType as sniffUpload, UPLOAD_TYPES, type UploadType } from '../../platform/uploads.js';

/**
 * Evidence files (bewijs): photos, PDF documents and short audio. The declared name and type
 * are never trusted: the first bytes decide what a file is (magic numbers), and the name's
 * extension must agree, so a .jpg that is really a program or a web page is refused.
 * Files live in PostgreSQL (bytea), outside the web root, on both engines.
 */
type EvidenceType = UploadType;

const MB = 1024 * 1024;

/** Photos, documents (pdf, docx, odt, pptx, xlsx) and short audio and video: the shared upload types. */
export const EVIDENCE_TYPES: UploadType[] = UPLOAD_TYPES;

/** The largest file any evidence type allows: the upload is cut off beyond it. */
export const MAX_EVIDENCE_BYTES = Math.max(...EVIDENCE_TYPES.map((t) => t.maxBytes));
export const MAX_EVIDENCE_PER_ENTRY = 10;

/** What the bytes say the file is, or null when it is none of the accepted types. */
export function sniffType(content: Buffer): EvidenceType | null {
  return sniffUpload(content);
}

export interface CheckedFile {
  filename: string;
  mediaType: string;
  content: Buffer;
}

/** Decides whether an uploaded file may be stored; throws a 4xx naming the field 'file' otherwise. */
export function checkEvidence(filename: string, content: Buffer): CheckedFile {
  const verdict = identifyUpload(filename, content);
  const ext = path.extname(filename).toLowerCase();
  if (!verdict.ok && verdict.reason === 'empty') throw new AppError(400, 'evidence_empty', { file: 'Het bestand is leeg.' });
  if (!verdict.ok && verdict.reason === 'type_not_allowed') {
    throw new AppError(415, 'evidence_type_not_allowed', { file: 'Kies een foto (jpg, png, webp), een document (pdf, docx, odt, pptx, xlsx), geluid (mp3, m4a, ogg, wav) of een korte video (mp4, webm).' });
  }
  if (!verdict.ok && verdict.reason === 'content_mismatch') {
    // The name promises one thing, the content is another (or unknown): a disguised file.
    throw new AppError(415, 'evidence_content_mismatch', { file: `Dit bestand is geen echte ${ext.slice(1)}. Het wordt niet opgeslagen.` });
  }
  if (!verdict.ok) {
    throw new AppError(413, 'evidence_too_large', { file: `Dit bestand is te groot. Het mag maximaal ${(verdict.type?.maxBytes ?? 0) / MB} MB zijn.` });
  }
  const actual = verdict.type;
  return { filename: safeFilename(filename), mediaType: actual.mediaType, content };
}

/** The base name only, without path or control characters, for Content-Disposition. */
function safeFilename(name: string): string {
  // Control characters and bidi overrides ('\u202egpj.exe' shows as 'exe.jpg') go.
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069"]/g, '').trim();
  return base.slice(-120) || 'bestand';
}

/** Reads the single file of a multipart upload, cut off at the largest size any type allows. */
export async function readEvidenceUpload(req: FastifyRequest): Promise<{ filename: string; content: Buffer }> {
  if (!req.isMultipart()) throw new AppError(415, 'unsupported_media_type', { file: 'Stuur het bestand als multipart/form-data.' });
  const part = await req.file({ limits: { fileSize: MAX_EVIDENCE_BYTES, files: 1 } });
  if (!part) throw new AppError(400, 'evidence_missing', { file: 'Kies een bestand.' });
  try {
    const content = await part.toBuffer();
    return { filename: part.filename ?? 'bestand', content };
  } catch (err: any) {
    if (err?.code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(413, 'evidence_too_large', { file: `Dit bestand is te groot. Het mag maximaal ${MAX_EVIDENCE_BYTES / MB} MB zijn.` });
    }
    throw err;
  }
}

export async function storeEvidence(deps: Pick<Deps, 'db' | 'clock'>, entryId: string, studentId: string, file: CheckedFile) {
  return deps.db.transaction().execute(async (trx) => {
    // Lock the entry so two parallel uploads cannot both pass the per-entry limit.
    await trx.selectFrom('portfolio_entries').select('id').where('id', '=', entryId).forUpdate().executeTakeFirstOrThrow();
    const { count } = await trx
      .selectFrom('portfolio_evidence')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('entry_id', '=', entryId)
      .executeTakeFirstOrThrow();
    if (Number(count) >= MAX_EVIDENCE_PER_ENTRY) {
      throw new AppError(422, 'evidence_limit', { file: `Je kunt maximaal ${MAX_EVIDENCE_PER_ENTRY} bestanden bij één ervaring zetten.` });
    }
    const row = await trx
      .insertInto('portfolio_evidence')
      .values({
        entry_id: entryId,
        student_id: studentId,
        filename: file.filename,
        media_type: file.mediaType,
        size_bytes: file.content.length,
        content: file.content,
        created_at: deps.clock.now(),
      })
      .returning(['id', 'filename', 'media_type', 'size_bytes'])
      .executeTakeFirstOrThrow();
    return { id: row.id, filename: row.filename, mediaType: row.media_type, sizeBytes: row.size_bytes };
  });
}

export async function loadEvidenceMeta(deps: Pick<Deps, 'db'>, evidenceId: string) {
  return deps.db.selectFrom('portfolio_evidence').select(['id', 'entry_id', 'student_id']).where('id', '=', evidenceId).executeTakeFirst();
}

export async function loadEvidenceFile(deps: Pick<Deps, 'db'>, evidenceId: string) {
  const row = await deps.db
    .selectFrom('portfolio_evidence')
    .select(['filename', 'media_type', 'content'])
    .where('id', '=', evidenceId)
    .executeTakeFirstOrThrow();
  // pg gives a Buffer, PGlite a Uint8Array.
  return { filename: row.filename, mediaType: row.media_type, content: Buffer.from(row.content) };
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266). */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
