import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A value in PostgreSQL's COPY text format: null, a string, number, boolean or a text array. */
export type CopyValue = string | number | boolean | null | readonly (string | number)[];

// COPY text format: backslash, tab, newline and carriage return are escaped; null is \N.
function escapeText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : value;
}

// Array literal for text[], uuid[] and smallint[]: every element quoted, so commas and spaces are safe.
function arrayLiteral(items: readonly (string | number)[]): string {
  return `{${items.map((i) => (typeof i === 'number' ? String(i) : `"${i.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;
}

export function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return escapeText(arrayLiteral(value));
  return escapeText(value as string);
}

/**
 * One table being filled with COPY FROM STDIN on a connection of its own. Rows are collected
 * in a string and handed to the stream in chunks; `drain()` waits when PostgreSQL is behind,
 * so memory stays bounded however many rows the generator makes.
 */
export class CopyTable {
  rows = 0;
  private chunk: string[] = [];
  private chunkBytes = 0;
  private failure: Error | null = null;
  private constructor(
    readonly table: string,
    private readonly client: pg.Client,
    private readonly stream: Writable,
  ) {
    // PostgreSQL refuses a row: remember it and report it at the next drain() or end().
    stream.on('error', (err) => (this.failure ??= new Error(`COPY ${table}: ${err.message}`)));
    client.on('error', (err) => (this.failure ??= err));
  }

  static async open(url: string, table: string, columns: readonly string[], sessionSql: string[] = []): Promise<CopyTable> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    for (const s of sessionSql) await client.query(s);
    const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
    return new CopyTable(table, client, stream);
  }

  row(values: readonly CopyValue[]): void {
    const line = `${values.map(copyField).join('\t')}\n`;
    this.chunk.push(line);
    this.chunkBytes += line.length;
    this.rows++;
  }

  /** Hands collected rows to PostgreSQL; waits while its buffer is full. */
  async drain(): Promise<void> {
    if (this.chunkBytes < 64 * 1024) return;
    await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.chunk.length === 0) return;
    const data = this.chunk.join('');
    this.chunk = [];
    this.chunkBytes = 0;
    if (!this.stream.write(data)) await Promise.race([once(this.stream, 'drain'), once(this.stream, 'error')]);
    if (this.failure) throw this.failure;
  }

  async end(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream).catch(() => {});
    if (this.failure) {
      await this.client.end().catch(() => {});
      throw this.failure;
    }
    await this.client.end();
  }

  /** Gives up on the COPY (rolls it back) and closes the connection. */
  async abort(): Promise<void> {
    this.stream.destroy();
    await this.client.end().catch(() => {});
  }
}
