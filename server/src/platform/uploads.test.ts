import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkEvidence } from '../modules/portfolio/evidence.js';
import { checkAttachment } from '../modules/guidance/attachments.js';
import { identifyUpload, zipEntry } from './uploads.js';

/** A real zip archive (stored or deflated entries, central directory, end record), as office suites write them. */
function makeZip(entries: { name: string; data: string; deflate?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = Buffer.from(e.data);
    const data = e.deflate ? deflateRawSync(raw) : raw;
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.deflate ? 8 : 0, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.deflate ? 8 : 0, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const contentTypes = (main: string) =>
  `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/main" ContentType="application/vnd.openxmlformats-officedocument.${main}"/></Types>`;
const DOCX = makeZip([
  { name: '[Content_Types].xml', data: contentTypes('wordprocessingml.document.main+xml'), deflate: true },
  { name: 'word/document.xml', data: '<w:document/>', deflate: true },
]);
const ODT = makeZip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' }, { name: 'content.xml', data: '<office:document-content/>', deflate: true }]);
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(32)]);
const WEBM = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(32)]);

describe('uploads: what a file really is', () => {
  it('reads an entry of a zip archive, stored or deflated', () => {
    expect(zipEntry(ODT, 'mimetype')?.toString()).toBe('application/vnd.oasis.opendocument.text');
    expect(zipEntry(DOCX, '[Content_Types].xml')?.toString()).toContain('wordprocessingml');
    expect(zipEntry(Buffer.from('PK\u0003\u0004 broken'), 'mimetype')).toBeNull();
  });

  it('accepts a .docx and an .mp4 as portfolio evidence, and odt, webm and m4a too', () => {
    expect(checkEvidence('verslag stage.docx', DOCX).mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(checkEvidence('presentatie.mp4', MP4).mediaType).toBe('video/mp4');
    expect(checkEvidence('interview.m4a', MP4).mediaType).toBe('audio/mp4');
    expect(checkEvidence('verslag.odt', ODT).mediaType).toBe('application/vnd.oasis.opendocument.text');
    expect(checkEvidence('filmpje.webm', WEBM).mediaType).toBe('video/webm');
  });

  it('refuses a file named .pdf that is not a PDF, with a clear message', () => {
    let error: any;
    try {
      checkEvidence('cijferlijst.pdf', Buffer.from('<html><script>alert(1)</script></html>'));
    } catch (err) {
      error = err;
    }
    expect(error).toMatchObject({ status: 415, code: 'evidence_content_mismatch', fields: { file: 'Dit bestand is geen echte pdf. Het wordt niet opgeslagen.' } });
  });

  it('checks the inside of a zip container: the kind of document must match the name', () => {
    expect(identifyUpload('rekenblad.xlsx', DOCX)).toMatchObject({ ok: false, reason: 'content_mismatch' });
    expect(identifyUpload('gewoon.docx', makeZip([{ name: 'virus.exe', data: 'MZ' }]))).toMatchObject({ ok: false, reason: 'content_mismatch' });
    expect(identifyUpload('tekst.odt', makeZip([{ name: 'mimetype', data: 'application/zip' }]))).toMatchObject({ ok: false, reason: 'content_mismatch' });
    expect(identifyUpload('programma.exe', Buffer.from('MZ'))).toMatchObject({ ok: false, reason: 'type_not_allowed' });
  });

  it('lets feed posts take the same documents, audio and video, from the same shared check', () => {
    expect(checkAttachment('verslag.docx', DOCX).mediaType).toContain('wordprocessingml');
    expect(checkAttachment('lied.mp3', Buffer.from('ID3abcdef')).mediaType).toBe('audio/mpeg');
    expect(() => checkAttachment('nep.pdf', Buffer.from('not a pdf'))).toThrow();
  });
});
