import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/http.js';
import { AppError, badRequest, registerErrorMessages } from '../../platform/errors.js';
import { identifyUpload, UPLOAD_TYPES } from '../../platform/uploads.js';

/**
 * Attachments (bijlagen) on posts in a group feed: photos and PDF documents only. The bytes
 * decide what a file is, with the same magic numbers as portfolio evidence (sniffType); the
 * name's extension must agree. Every file of a post is checked before anything is written, and
 * the post and its files are stored in one transaction, so a refused file leaves nothing behind.
 */
const MB = 1024 * 1024;
export const MAX_ATTACHMENTS_PER_POST = 4;

/** What a feed accepts: the shared upload types (photos, documents, short audio and video). */
const ATTACHMENT_TYPES = UPLOAD_TYPES;
const MAX_ATTACHMENT_BYTES = Math.max(...ATTACHMENT_TYPES.map((t) => t.maxBytes));

registerErrorMessages({
  attachment_empty: { nl: 'Het bestand is leeg.', en: 'The file is empty.' },
  attachment_type_not_allowed: {
    nl: 'Je kunt een foto (jpg, png, webp), een document (pdf, docx, odt, pptx, xlsx), geluid (mp3, m4a) of een korte video (mp4, webm) toevoegen.',
    en: 'You can attach a photo (jpg, png, webp), a document (pdf, docx, odt, pptx, xlsx), audio (mp3, m4a) or a short video (mp4, webm).',
  },
  attachment_content_mismatch: { nl: 'Dit bestand is niet wat de naam zegt. Het wordt niet opgeslagen.', en: 'This file is not what its name says. It is not stored.' },
  attachment_too_large: { nl: 'Dit bestand is te groot.', en: 'This file is too large.' },
  attachment_limit: { nl: `Je kunt maximaal ${MAX_ATTACHMENTS_PER_POST} bestanden bij één bericht zetten.`, en: `You can add at most ${MAX_ATTACHMENTS_PER_POST} files to one post.` },
});

export interface CheckedAttachment {
  filename: string;
  mediaType: string;
  content: Buffer;
}

/** Decides whether a file may be attached; throws a 4xx naming the field 'file' otherwise. */
export function checkAttachment(filename: string, content: Buffer): CheckedAttachment {
  const verdict = identifyUpload(filename, content, ATTACHMENT_TYPES);
  if (!verdict.ok && verdict.reason === 'empty') throw new AppError(400, 'attachment_empty', { file: 'attachment_empty' });
  if (!verdict.ok && verdict.reason === 'type_not_allowed') throw new AppError(415, 'attachment_type_not_allowed', { file: 'attachment_type_not_allowed' });
  // The name promises one thing, the content is another (or unknown): a disguised file.
  if (!verdict.ok && verdict.reason === 'content_mismatch') throw new AppError(415, 'attachment_content_mismatch', { file: 'attachment_content_mismatch' });
  if (!verdict.ok) throw new AppError(413, 'attachment_too_large', { file: `max_${(verdict.type?.maxBytes ?? 0) / MB}_mb` });
  const actual = verdict.type;
  return { filename: safeFilename(filename), mediaType: actual.mediaType, content };
}

/** The base name only, without path or control characters, for Content-Disposition. */
function safeFilename(name: string): string {
  // Control characters and bidi overrides ('\u202egpj.exe' shows as 'exe.jpg') go.
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069"]/g, '').trim();
  return base.slice(-120) || 'bijlage';
}

export interface PostUpload {
  body: string;
  parentId: string | null;
  files: CheckedAttachment[];
}

/**
 * Reads a multipart post: text fields `body` and `parentId`, and up to four `file` parts. Every
 * file is checked here, before the caller writes anything.
 */
export async function readPostUpload(req: FastifyRequest): Promise<PostUpload> {
  if (!req.isMultipart()) throw new AppError(415, 'unsupported_media_type', { file: 'multipart_required' });
  const fields: Record<string, string> = {};
  const files: CheckedAttachment[] = [];
  try {
    for await (const part of req.parts({ limits: { fileSize: MAX_ATTACHMENT_BYTES, files: MAX_ATTACHMENTS_PER_POST + 1, fields: 5 } })) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value ?? '');
        continue;
      }
      if (files.length >= MAX_ATTACHMENTS_PER_POST) throw new AppError(422, 'attachment_limit', { file: 'attachment_limit' });
      files.push(checkAttachment(part.filename ?? 'bijlage', await part.toBuffer()));
    }
  } catch (err: any) {
    if (err?.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'attachment_too_large', { file: `max_${MAX_ATTACHMENT_BYTES / MB}_mb` });
    if (err?.code === 'FST_FILES_LIMIT') throw new AppError(422, 'attachment_limit', { file: 'attachment_limit' });
    throw err;
  }
  const body = (fields.body ?? '').trim();
  if (body.length < 1 || body.length > 4000) throw badRequest('validation_failed', { body: body.length ? 'too_long' : 'required' });
  const parentId = fields.parentId?.trim() || null;
  if (parentId && !/^[0-9a-f-]{36}$/i.test(parentId)) throw badRequest('validation_failed', { parentId: 'invalid_uuid' });
  return { body, parentId, files };
}

/** The post an attachment belongs to, with its group and whether it is hidden: what the policy decides on. */
export async function attachmentPost(deps: Pick<Deps, 'db'>, attachmentId: string) {
  return deps.db
    .selectFrom('guidance_feed_attachments as a')
    .innerJoin('guidance_feed_posts as p', 'p.id', 'a.post_id')
    .select(['a.id', 'p.id as post_id', 'p.group_id', 'p.hidden_at'])
    .where('a.id', '=', attachmentId)
    .executeTakeFirst();
}

export async function loadAttachmentFile(deps: Pick<Deps, 'db'>, attachmentId: string) {
  const row = await deps.db.selectFrom('guidance_feed_attachments').select(['filename', 'media_type', 'content']).where('id', '=', attachmentId).executeTakeFirstOrThrow();
  // pg gives a Buffer, PGlite a Uint8Array.
  return { filename: row.filename, mediaType: row.media_type, content: Buffer.from(row.content) };
}
