import path from 'node:path';
import { inflateRawSync } from 'node:zlib';

/**
 * The one place that decides what an uploaded file really is, for portfolio evidence and feed
 * attachments alike. The declared name and type are never trusted: the bytes decide (magic
 * numbers), and the name's extension must agree, so a .pdf that is not a PDF is refused.
 * Office documents (docx, pptx, xlsx) and OpenDocument (odt) are zip containers: besides the zip
 * signature the inner [Content_Types].xml or mimetype entry must name that kind of document.
 */
export type UploadFamily = 'image' | 'document' | 'audio' | 'video';

export interface UploadType {
  mediaType: string;
  extensions: string[];
  maxBytes: number;
  family: UploadFamily;
  matches: (b: Buffer) => boolean;
}

const MB = 1024 * 1024;
const ascii = (b: Buffer, offset: number, text: string) => b.subarray(offset, offset + text.length).toString('latin1') === text;
const isZip = (b: Buffer) => b.length >= 4 && b.readUInt32LE(0) === 0x04034b50;

/** The entries of a zip archive (name and content), read from its central directory; null when it is no valid zip. */
export function zipEntry(b: Buffer, name: string): Buffer | null {
  if (!isZip(b)) return null;
  // End of central directory: the last 0x06054b50 record (a comment may follow it).
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  for (let n = 0; n < count && p + 46 <= b.length; n++) {
    if (b.readUInt32LE(p) !== 0x02014b50) return null;
    const method = b.readUInt16LE(p + 10);
    const compressed = b.readUInt32LE(p + 20);
    const nameLength = b.readUInt16LE(p + 28);
    const extraLength = b.readUInt16LE(p + 30);
    const commentLength = b.readUInt16LE(p + 32);
    const local = b.readUInt32LE(p + 42);
    const entryName = b.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    if (entryName === name) {
      if (local + 30 > b.length || b.readUInt32LE(local) !== 0x04034b50) return null;
      const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
      const data = b.subarray(start, start + compressed);
      try {
        if (method === 0) return data;
        if (method === 8) return inflateRawSync(data, { maxOutputLength: 1024 * 1024 });
      } catch {
        return null;
      }
      return null;
    }
    p += 46 + nameLength + extraLength + commentLength;
  }
  return null;
}

/** An Office Open XML document whose [Content_Types].xml names this main part. */
const ooxml = (mainPart: string) => (b: Buffer) => zipEntry(b, '[Content_Types].xml')?.toString('utf8').includes(mainPart) ?? false;
/** An OpenDocument file whose mimetype entry is exactly this type. */
const odf = (mime: string) => (b: Buffer) => zipEntry(b, 'mimetype')?.toString('latin1').trim() === mime;
/** ISO base media (mp4, m4a): 'ftyp' at offset 4. */
const isoMedia = (b: Buffer) => ascii(b, 4, 'ftyp');
const ebml = (b: Buffer) => b.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]));

export const UPLOAD_TYPES: UploadType[] = [
  { mediaType: 'image/jpeg', extensions: ['.jpg', '.jpeg'], maxBytes: 5 * MB, family: 'image', matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mediaType: 'image/png', extensions: ['.png'], maxBytes: 5 * MB, family: 'image', matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mediaType: 'image/webp', extensions: ['.webp'], maxBytes: 5 * MB, family: 'image', matches: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP') },
  { mediaType: 'application/pdf', extensions: ['.pdf'], maxBytes: 10 * MB, family: 'document', matches: (b) => ascii(b, 0, '%PDF-') },
  { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['.docx'], maxBytes: 10 * MB, family: 'document', matches: ooxml('wordprocessingml.document.main+xml') },
  { mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['.pptx'], maxBytes: 10 * MB, family: 'document', matches: ooxml('presentationml.presentation.main+xml') },
  { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['.xlsx'], maxBytes: 10 * MB, family: 'document', matches: ooxml('spreadsheetml.sheet.main+xml') },
  { mediaType: 'application/vnd.oasis.opendocument.text', extensions: ['.odt'], maxBytes: 10 * MB, family: 'document', matches: odf('application/vnd.oasis.opendocument.text') },
  { mediaType: 'audio/mpeg', extensions: ['.mp3'], maxBytes: 10 * MB, family: 'audio', matches: (b) => ascii(b, 0, 'ID3') || (b[0] === 0xff && (b[1] & 0xe0) === 0xe0) },
  { mediaType: 'audio/ogg', extensions: ['.ogg', '.oga', '.opus'], maxBytes: 10 * MB, family: 'audio', matches: (b) => ascii(b, 0, 'OggS') },
  { mediaType: 'audio/wav', extensions: ['.wav'], maxBytes: 10 * MB, family: 'audio', matches: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE') },
  { mediaType: 'audio/mp4', extensions: ['.m4a', '.aac'], maxBytes: 10 * MB, family: 'audio', matches: isoMedia },
  { mediaType: 'video/mp4', extensions: ['.mp4'], maxBytes: 10 * MB, family: 'video', matches: isoMedia },
  { mediaType: 'audio/webm', extensions: ['.weba'], maxBytes: 10 * MB, family: 'audio', matches: ebml },
  { mediaType: 'video/webm', extensions: ['.webm'], maxBytes: 10 * MB, family: 'video', matches: ebml },
];

/** What the bytes say the file is (the first type that matches), or null when none is accepted. */
export function sniffType(content: Buffer, types: readonly UploadType[] = UPLOAD_TYPES): UploadType | null {
  return types.find((t) => t.matches(content)) ?? null;
}

export type UploadVerdict =
  | { ok: true; type: UploadType }
  | { ok: false; reason: 'empty' | 'type_not_allowed' | 'content_mismatch' | 'too_large'; type?: UploadType };

/**
 * Decides an upload: the extension must be one of the accepted types, the content must be what
 * the extension says (checked for the types of that extension only), and within that type's size.
 */
export function identifyUpload(filename: string, content: Buffer, types: readonly UploadType[] = UPLOAD_TYPES): UploadVerdict {
  if (content.length === 0) return { ok: false, reason: 'empty' };
  const ext = path.extname(filename).toLowerCase();
  const declared = types.filter((t) => t.extensions.includes(ext));
  if (declared.length === 0) return { ok: false, reason: 'type_not_allowed' };
  const type = declared.find((t) => t.matches(content));
  if (!type) return { ok: false, reason: 'content_mismatch' };
  if (content.length > type.maxBytes) return { ok: false, reason: 'too_large', type };
  return { ok: true, type };
}

/** The base name only, without path or control characters, for Content-Disposition. */
export function safeUploadName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return base.slice(-120) || 'bestand';
}

export const MAX_UPLOAD_TYPE_BYTES = Math.max(...UPLOAD_TYPES.map((t) => t.maxBytes));
