import { createServer, Socket, type Server } from "node:net";
import type { AddressInfo } from "node:net";
import type { Logger } from "../../src/logger.js";
import { openStore, storeOver, type Store } from "../../src/store/index.js";
import { openPglite, type Sql, type SqlTx } from "../../src/store/sql.js";
import { freshPostgresUrl, TEST_DATABASE_URL } from "./app.js";

/** A store whose database can be taken away and given back while the subgraph keeps running. */
export interface OutageStore {
  store: Store;
  /** The database is unreachable from now on; open connections are cut. */
  down(): Promise<void>;
  /** The database is reachable again. */
  up(): Promise<void>;
  /** `up`, then waits until the store answers (connections the outage cut may fail once more). */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export interface OutageStoreOptions {
  logger?: Logger;
  idempotencyTtlMs?: number;
  idempotencyLeaseMs?: number;
}

/**
 * On PostgreSQL (TEST_DATABASE_URL) a real outage: the pool talks to the server through a TCP
 * proxy on loopback, and `down` cuts every connection and stops listening (new connections are
 * refused), exactly what the driver sees of a stopped server. On PGlite (in process, it cannot go
 * away) a switch in front of it throws the driver's connection-refused error.
 */
export async function openOutageStore(options: OutageStoreOptions = {}): Promise<OutageStore> {
  const storeOptions = {
    idempotencyTtlMs: options.idempotencyTtlMs ?? 24 * 3600_000,
    idempotencyLeaseMs: options.idempotencyLeaseMs ?? 30_000,
    logger: options.logger,
  };
  if (TEST_DATABASE_URL) {
    const target = new URL(await freshPostgresUrl());
    const proxy = await tcpProxy(target.hostname, Number(target.port || 5432));
    const proxied = new URL(target);
    proxied.hostname = "127.0.0.1";
    proxied.port = String(proxy.port);
    const store = await openStore({ ...storeOptions, databaseUrl: proxied.toString() });
    return withRestore({
      store,
      down: proxy.down,
      up: proxy.up,
      close: async () => {
        await store.close();
        await proxy.close();
      },
    });
  }
  const driver = await openPglite();
  const switchable = switchableSql(driver);
  const store = await storeOver(switchable.sql, storeOptions);
  return withRestore({
    store,
    down: async () => {
      switchable.reachable = false;
    },
    up: async () => {
      switchable.reachable = true;
    },
    close: () => store.close(),
  });
}

function withRestore(outage: Omit<OutageStore, "restore">): OutageStore {
  return {
    ...outage,
    async restore() {
      await outage.up();
      for (let i = 0; ; i++) {
        try {
          await outage.store.ping();
          return;
        } catch (error) {
          if (i >= 40) throw error;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    },
  };
}

function refused(): Error {
  return Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED", errno: -111, syscall: "connect" });
}

function switchableSql(driver: Sql): { sql: Sql; reachable: boolean } {
  const state = { reachable: true, sql: undefined as unknown as Sql };
  const check = () => {
    if (!state.reachable) throw refused();
  };
  const switched = (tx: SqlTx): SqlTx => ({
    query: async (text, params) => {
      check();
      return tx.query(text, params);
    },
    exec: async (text) => {
      check();
      return tx.exec(text);
    },
  });
  state.sql = {
    kind: driver.kind,
    ...switched(driver),
    transaction: async (fn) => {
      check();
      return driver.transaction((tx) => fn(switched(tx)));
    },
    listen: (channel, onNotify) => driver.listen(channel, onNotify),
    close: () => driver.close(),
  };
  return state;
}

/** Forwards loopback connections to `host:port` until `down`; listens on the same port again on `up`. */
async function tcpProxy(host: string, port: number): Promise<{ port: number; down(): Promise<void>; up(): Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  };
  let server: Server | null = null;
  let listenPort = 0;
  const listen = async () => {
    if (server) return;
    const s = createServer((client) => {
      const upstream = new Socket();
      track(client);
      track(upstream);
      upstream.connect(port, host);
      client.pipe(upstream).pipe(client);
      client.on("error", () => upstream.destroy());
      upstream.on("error", () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      s.once("error", reject);
      s.listen(listenPort, "127.0.0.1", () => resolve());
    });
    listenPort = (s.address() as AddressInfo).port;
    server = s;
  };
  const down = async () => {
    const s = server;
    server = null;
    for (const socket of sockets) socket.destroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await listen();
  return { port: listenPort, down, up: listen, close: down };
}
