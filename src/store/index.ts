import { mkdirSync } from "node:fs";
import type { Logger } from "../logger.js";
import { StoreHealth } from "./health.js";
import { IdempotencyStore } from "./idempotency.js";
import { migrate } from "./migrations.js";
import { OrderStore } from "./orders.js";
import { guardSql, openPglite, openPostgres, type Sql } from "./sql.js";
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
  idempotency: IdempotencyStore;
  webhooks: WebhookReceipts;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function openStore(options: StoreOptions): Promise<Store> {
  if (!options.databaseUrl && options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const sql = options.databaseUrl ? await openPostgres(options.databaseUrl) : await openPglite(options.dataDir);
  return storeOver(sql, options);
}

/** The store on an open connection (tests hand in one they can take down). */
export async function storeOver(driver: Sql, options: Omit<StoreOptions, "databaseUrl" | "dataDir">): Promise<Store> {
  const sql = guardSql(driver, new StoreHealth(options.logger));
  await migrate(sql);
  return {
    sql,
    orders: new OrderStore(sql),
    idempotency: new IdempotencyStore(sql, options.idempotencyTtlMs, options.idempotencyLeaseMs),
    webhooks: new WebhookReceipts(sql),
    ping: async () => {
      await sql.query("SELECT 1");
    },
    close: () => sql.close(),
  };
}
