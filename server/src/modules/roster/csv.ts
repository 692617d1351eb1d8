import { CsvError, parse } from 'csv-parse/sync';
import type { RosterError } from './types.js';

/** One data line of a CSV file: its values by column name, and where it starts in the file. */
export interface CsvRow {
  /** line number in the file (header = line 1); for a value spanning lines, where it starts */
  line: number;
  values: Record<string, string>;
}

export interface CsvTable {
  file: string;
  header: string[];
  rows: CsvRow[];
}

/**
 * Reads one uploaded CSV file. A file that cannot be read as CSV at all (not UTF-8, a broken
 * quote, no header) yields errors and no table: nothing after a broken quote can be trusted.
 * Lines with the wrong number of fields are reported one by one and the rest is still read,
 * so an administrator sees every problem in one go.
 */
export function readCsv(file: string, content: Buffer): { table: CsvTable | null; errors: RosterError[] } {
  const text = decodeUtf8(file, content);
  if (typeof text !== 'string') return { table: null, errors: [text] };

  let records: { record: string[]; lines: number }[];
  // csv-parse reports the line where it noticed a problem; the record in progress started
  // right after the last complete one, which is the line an administrator has to look at.
  let lastCompleteLine = 0;
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      // Keeps each record's end line with it (the typings expect a record back, hence the cast).
      on_record: ((record: string[], context: { lines: number }) => {
        lastCompleteLine = context.lines;
        return { record, lines: context.lines };
      }) as unknown as (record: string[]) => string[],
    }) as unknown as { record: string[]; lines: number }[];
  } catch (err) {
    if (err instanceof CsvError) {
      return { table: null, errors: [{ file, line: lastCompleteLine + 1, field: null, message: describeCsvError(err) }] };
    }
    throw err;
  }

  const errors: RosterError[] = [];
  let previousEnd = 0;
  const lines: { line: number; fields: string[] }[] = [];
  for (const { record, lines: end } of records) {
    const start = previousEnd + 1;
    previousEnd = end;
    if (record.length === 1 && record[0] === '') continue; // blank line
    lines.push({ line: start, fields: record });
  }
  const headerLine = lines[0];
  if (!headerLine || headerLine.line !== 1) {
    return { table: null, errors: [{ file, line: 1, field: null, message: 'The file has no header on line 1.' }] };
  }
  const header = headerLine.fields.map((h) => h.trim());
  const seen = new Set<string>();
  for (const name of header) {
    if (name === '') errors.push({ file, line: 1, field: null, message: 'The header has an empty column name.' });
    else if (seen.has(name)) errors.push({ file, line: 1, field: name, message: `Column '${name}' appears twice in the header.` });
    seen.add(name);
  }
  if (errors.length > 0) return { table: null, errors };

  const rows: CsvRow[] = [];
  for (const { line, fields } of lines.slice(1)) {
    if (fields.length !== header.length) {
      errors.push({ file, line, field: null, message: `Expected ${header.length} fields as in the header, found ${fields.length}.` });
      continue;
    }
    const values: Record<string, string> = {};
    header.forEach((name, i) => (values[name] = fields[i].trim()));
    rows.push({ line, values });
  }
  return { table: { file, header, rows }, errors };
}

function describeCsvError(err: CsvError): string {
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'A quoted value is never closed: a quote (") is missing.';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'A quoted value is followed by other characters: a quote (") inside a value must be doubled ("").';
    case 'INVALID_OPENING_QUOTE':
      return 'A quote (") appears inside an unquoted value: quote the whole value and double the quote ("").';
    default:
      return `The file is not valid CSV (${err.code}).`;
  }
}

/** OneRoster files are UTF-8; anything else would import garbled names. */
function decodeUtf8(file: string, content: Buffer): string | RosterError {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return { file, line: firstInvalidUtf8Line(content), field: null, message: 'The file is not UTF-8 encoded.' };
  }
}

function firstInvalidUtf8Line(content: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= content.length; i++) {
    if (i === content.length || content[i] === 0x0a) {
      try {
        decoder.decode(content.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return 1;
}
