import type { SessionStore } from '../identity/service.js';
import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import { defineRoute, type RouteDef } from '../../platform/http.js';
import { AppError, errorMessage, registerErrorMessages } from '../../platform/errors.js';
import { isSupportedFile } from './format.js';
import { importQuery, importResponse } from './schema.js';
import { importRoster, rosterTarget } from './service.js';
import type { RosterTarget } from './policy.js';
import type { RosterFiles } from './types.js';
import './policy.js';

registerErrorMessages({
  roster_invalid: {
    nl: 'De rosterbestanden bevatten fouten; er is niets geïmporteerd.',
    en: 'The roster files contain errors; nothing was imported.',
  },
  roster_no_files: { nl: 'Er zijn geen bestanden meegestuurd.', en: 'No files were uploaded.' },
});

export function rosterRoutes(sessions: SessionStore): RouteDef[] {
  return [
    defineRoute<unknown, { dryRun: boolean }, unknown, RosterTarget & { files: RosterFiles }>({
      method: 'POST',
      url: '/api/v1/admin/roster/import',
      summary: 'Import a OneRoster 1.2 bulk CSV export (multipart, one file per field); with errors 422 and nothing written',
      tags: ['roster'],
      action: 'roster.import',
      query: importQuery,
      response: importResponse,
      raw: true,
      resource: async (ctx) => {
        const files = await readUpload(ctx.req);
        return { ...(await rosterTarget(ctx.deps, files)), files };
      },
      handler: async (ctx, target) => {
        const result = await importRoster(ctx.deps, ctx.actor, target.files, { dryRun: ctx.query.dryRun, ip: ctx.req.ip, forget: (userId) => sessions.forget(userId) });
        if (result.errors.length === 0) return ctx.reply.status(200).send(result);
        // The contract's error envelope, with the per-line report an administrator needs beside it.
        return ctx.reply.status(422).send({
          error: { code: 'roster_invalid', message: errorMessage('roster_invalid', ctx.locale) },
          ...result,
        });
      },
    }),
  ];
}

/** Reads every uploaded file into memory; the multipart limits in app.ts cap their size. */
async function readUpload(req: FastifyRequest): Promise<RosterFiles> {
  if (!req.isMultipart()) throw new AppError(415, 'unsupported_media_type');
  const files: RosterFiles = {};
  for await (const part of req.parts()) {
    if (part.type !== 'file') continue;
    const name = uploadName(part.fieldname, part.filename);
    const content = await part.toBuffer();
    if (files[name]) throw new AppError(400, 'validation_failed', { [name]: 'This file was uploaded twice.' });
    files[name] = content;
  }
  if (Object.keys(files).length === 0) throw new AppError(400, 'roster_no_files', { files: 'Upload the CSV files of the export.' });
  return files;
}

/** A file is known by its own name ('users.csv') or by its field ('users' or 'users.csv'). */
function uploadName(field: string, filename: string | undefined): string {
  const base = filename ? path.basename(filename.replace(/\\/g, '/')) : '';
  if (isSupportedFile(base)) return base;
  if (isSupportedFile(field)) return field;
  if (isSupportedFile(`${field}.csv`)) return `${field}.csv`;
  return base || field;
}
