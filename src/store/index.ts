import { mkdirSync } from "node:fs";
import type { Logger } from "../logger.js";
import { EventLog } from "./events.js";
import { StoreHealth } from "./health.js";
import { IdempotencyStore } from "./idempotency.js";
import { lockDirectory } from "./lock.js";
import { migrate } from "./migrations.js";
import { OrderStore } from "./orders.js";
import { guardSql, openPglite, openPostgres, type Sql } from "./sql.js";
import { SyncLeases } from "./sync.js";
import { WebhookReceipts } from "./webhooks.js";

export interface StoreOptions {
  /** PostgreSQL when set; embedded PGlite otherwise. */
  databaseUrl?: string;
  /** PGlite's data directory; memory when undefined. */
  dataDir?: string;
  idempotencyTtlMs: number;
  idempotencyLeaseMs: number;
  /** Where an outage and the recovery are logged (once each). */
  logger?: Logger;
}

export interface Store {
  sql: Sql;
  orders: OrderStore;
  /** Order histories and the change feed (`eventsAfter`). */
  events: EventLog;
  idempotency: IdempotencyStore;
  webhooks: WebhookReceipts;
  sync: SyncLeases;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Opens the store; an embedded one on a directory is this process's alone (StoreLockedError otherwise). */
export async function openStore(options: StoreOptions): Promise<Store> {
  const embeddedDir = options.databaseUrl ? undefined : options.dataDir;
  if (embeddedDir) mkdirSync(embeddedDir, { recursive: true });
  // Two processes on one PGlite directory would each write its files unaware of the other.
  const lock = embeddedDir ? lockDirectory(embeddedDir) : undefined;
  try {
    const sql = options.databaseUrl ? await openPostgres(options.databaseUrl) : await openPglite(options.dataDir);
    return await storeOver(sql, options, () => lock?.release());
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/**
 * The store on an open connection (tests hand in one they can take down); `onClose` runs after the
 * connection closes, also when migrating fails.
 */
export async function storeOver(driver: Sql, options: Omit<StoreOptions, "databaseUrl" | "dataDir">, onClose: () => void = () => undefined): Promise<Store> {
  const sql = guardSql(driver, new StoreHealth(options.logger));
  await migrate(sql).catch(async (error: unknown) => {
    await sql.close().catch(() => undefined);
    throw error;
  });
  return {
    sql,
    orders: new OrderStore(sql),
    events: new EventLog(sql),
    idempotency: new IdempotencyStore(sql, options.idempotencyTtlMs, options.idempotencyLeaseMs),
    webhooks: new WebhookReceipts(sql),
    sync: new SyncLeases(sql),
    ping: async () => {
      await sql.query("SELECT 1");
    },
    close: async () => {
      try {
        await sql.close();
      } finally {
        onClose();
      }
    },
  };
}
