import pg from "pg";
import { representable } from "../returns/text.js";
import { isStoreOutage, StoreUnavailableError, type StoreHealth } from "./health.js";
import { listenPostgres, type Unlisten } from "./listen.js";

/**
 * The one SQL surface the store uses. PostgreSQL (through `pg`) and PGlite speak the same dialect
 * and the same `$n` parameters, so every statement is written once for both.
 */
export interface Sql {
  readonly kind: "postgres" | "pglite";
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** Several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
  transaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T>;
  /** Calls `onNotify` for each NOTIFY on `channel` (sent by any connection, delivered at its commit). */
  listen(channel: string, onNotify: (payload: string) => void): Promise<Unlisten>;
  close(): Promise<void>;
}

export type SqlTx = Pick<Sql, "query" | "exec">;

/**
 * A value as the text of a `$n::jsonb` parameter that PostgreSQL always accepts: NUL and unpaired
 * surrogates (they arrive in provider data and pushes) are stored as U+FFFD instead of failing the
 * whole write.
 */
export function toJsonb(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === "string") return representable(v);
    if (v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).some((k) => representable(k) !== k)) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [representable(k), x]));
    }
    return v;
  });
}

/**
 * The same SQL surface, with every failure to reach the store turned into a
 * `StoreUnavailableError` (so each caller can answer "retry" instead of a bug) and reported to
 * `health`, which logs the outage once. Other errors pass unchanged: they are bugs.
 */
export function guardSql(sql: Sql, health: StoreHealth): Sql {
  const guard = async <T>(run: () => Promise<T>): Promise<T> => {
    let result: T;
    try {
      result = await run();
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      if (!isStoreOutage(error)) throw error;
      health.failed(error);
      throw new StoreUnavailableError(error);
    }
    health.succeeded();
    return result;
  };
  const guardTx = (tx: SqlTx): SqlTx => ({
    query: (text, params) => guard(() => tx.query(text, params)),
    exec: (text) => guard(() => tx.exec(text)),
  });
  return {
    kind: sql.kind,
    query: (text, params) => guard(() => sql.query(text, params)),
    exec: (text) => guard(() => sql.exec(text)),
    transaction: (fn) => guard(() => sql.transaction((tx) => fn(guardTx(tx)))),
    listen: (channel, onNotify) => guard(() => sql.listen(channel, onNotify)),
    close: () => sql.close(),
  };
}

/** How long a query waits for a connection before the store counts as unreachable. */
const CONNECT_TIMEOUT_MS = 5_000;

export async function openPostgres(url: string): Promise<Sql> {
  // Without a connect timeout, a store whose network is gone would hold every request forever.
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle client losing its connection must not crash the process: the pool replaces it.
  pool.on("error", () => undefined);
  await pool.query("SELECT 1");
  return {
    kind: "postgres",
    async query<R>(text: string, params: unknown[] = []) {
      return (await pool.query(text, params)).rows as R[];
    },
    async exec(text: string) {
      await pool.query(text);
    },
    async transaction<T>(fn: (tx: SqlTx) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn({
          query: async <R>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as R[],
          exec: async (text: string) => {
            await client.query(text);
          },
        });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    listen: (channel, onNotify) => listenPostgres(url, channel, onNotify),
    close: () => pool.end(),
  };
}

/** Embedded PostgreSQL: a data directory, or memory when `dataDir` is undefined. */
export async function openPglite(dataDir?: string): Promise<Sql> {
  // Loaded only without DATABASE_URL: a PostgreSQL deployment never pays for the embedded engine.
  const { PGlite } = await import("@electric-sql/pglite");
  const db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  return {
    kind: "pglite",
    async query<R>(text: string, params: unknown[] = []) {
      return (await db.query<R>(text, params)).rows;
    },
    async exec(text: string) {
      await db.exec(text);
    },
    async transaction<T>(fn: (tx: SqlTx) => Promise<T>) {
      return db.transaction(async (tx) =>
        fn({
          query: async <R>(text: string, params: unknown[] = []) => (await tx.query<R>(text, params)).rows,
          exec: async (text: string) => {
            await tx.exec(text);
          },
        }),
      );
    },
    listen: async (channel, onNotify) => {
      const unlisten = await db.listen(channel, onNotify);
      return async () => {
        // Closed with the database: its listeners went with it.
        if (!db.closed) await unlisten();
      };
    },
    close: () => db.close(),
  };
}
