import crypto from 'node:crypto';
import type pg from 'pg';

/** Named (prepared) statements on a PostgreSQL server (docs/decisions/0011). */


/** How many distinct statements one connection keeps prepared; beyond it queries go unnamed. */
export const MAX_NAMED_STATEMENTS_PER_CONNECTION = 500;
const statementNames = new Map<string, string>();

/** A stable name for a statement text: the same SQL gets the same name on every connection. */
export function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `k${crypto.createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    // Bounded: queries whose text varies (lists of different length) must not grow it forever.
    if (statementNames.size >= 10_000) statementNames.clear();
    statementNames.set(text, name);
  }
  return name;
}

/**
 * `insert … on conflict (…) where kind = $2` infers a partial unique index from the parameter's
 * value; a generic plan has no value and fails ("no unique or exclusion constraint matching").
 * Such statements stay unnamed: they are writes, rare next to the reads this is for.
 */
function nameable(text: string): boolean {
  return !/\bon\s+conflict\b/i.test(text);
}

/**
 * Sends every parameterised query of this connection as a named statement. PostgreSQL then
 * parses and analyses the text once per connection, and after five executions keeps a generic
 * plan when it is as good as a custom one: the relation query, which plans in milliseconds and
 * runs in a fraction of one, stops being re-planned on every request. Queries without
 * parameters (migrations: several statements in one string) keep the simple protocol. A
 * statement whose result type changed under it (a migration altered its table) is sent
 * unnamed from then on, on this connection.
 */
export function useNamedStatements(client: pg.PoolClient): void {
  const marked = client as pg.PoolClient & { koersNamed?: true };
  if (marked.koersNamed) return;
  marked.koersNamed = true;
  const prepared = new Set<string>();
  const unnamed = new Set<string>();
  const query = client.query.bind(client) as (...args: any[]) => any;
  (client as any).query = (config: any, values?: any, callback?: any) => {
    if (typeof config !== 'string' || !Array.isArray(values) || values.length === 0 || typeof callback === 'function' || unnamed.has(config) || !nameable(config)) {
      return query(config, values, callback);
    }
    const name = statementName(config);
    if (!prepared.has(name) && prepared.size >= MAX_NAMED_STATEMENTS_PER_CONNECTION) return query(config, values);
    prepared.add(name);
    return (query({ name, text: config, values }) as Promise<unknown>).catch((err: any) => {
      // 0A000 "cached plan must not change result type": the table changed since it was prepared.
      if (err?.code !== '0A000') throw err;
      unnamed.add(config);
      return query(config, values);
    });
  };
}
