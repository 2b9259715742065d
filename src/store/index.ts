import { mkdirSync } from "node:fs";
import { IdempotencyStore } from "./idempotency.js";
import { lockDirectory } from "./lock.js";
import { migrate } from "./migrations.js";
import { OrderStore } from "./orders.js";
import { openPglite, openPostgres, type Sql } from "./sql.js";
import { WebhookReceipts } from "./webhooks.js";

export interface StoreOptions {
  /** PostgreSQL when set; embedded PGlite otherwise. */
  databaseUrl?: string;
  /** PGlite's data directory; memory when undefined. */
  dataDir?: string;
  idempotencyTtlMs: number;
  idempotencyLeaseMs: number;
}

export interface Store {
  sql: Sql;
  orders: OrderStore;
  idempotency: IdempotencyStore;
  webhooks: WebhookReceipts;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Opens the store; an embedded one on a directory is this process's alone (StoreLockedError otherwise). */
export async function openStore(options: StoreOptions): Promise<Store> {
  const embeddedDir = options.databaseUrl ? undefined : options.dataDir;
  if (embeddedDir) mkdirSync(embeddedDir, { recursive: true });
  // Two processes on one PGlite directory would each write its files unaware of the other.
  const lock = embeddedDir ? lockDirectory(embeddedDir) : undefined;
  let sql: Sql;
  try {
    sql = options.databaseUrl ? await openPostgres(options.databaseUrl) : await openPglite(options.dataDir);
    await migrate(sql).catch(async (error: unknown) => {
      await sql.close().catch(() => undefined);
      throw error;
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  return {
    sql,
    orders: new OrderStore(sql),
    idempotency: new IdempotencyStore(sql, options.idempotencyTtlMs, options.idempotencyLeaseMs),
    webhooks: new WebhookReceipts(sql),
    ping: async () => {
      await sql.query("SELECT 1");
    },
    close: async () => {
      try {
        await sql.close();
      } finally {
        lock?.release();
      }
    },
  };
}
