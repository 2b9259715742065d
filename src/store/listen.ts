import pg from "pg";

/** Stops listening; resolves once the connection is closed. */
export type Unlisten = () => Promise<void>;

/** How long a lost listening connection waits before it connects again. */
const RECONNECT_MS = 1_000;

/**
 * `LISTEN channel` on a connection of its own (a pooled one would be handed to other queries and
 * its LISTEN lost). A lost connection is opened again; since notifications sent meanwhile are
 * gone, `onNotify` is then called once with an empty payload, so the listener reads what it missed.
 */
export async function listenPostgres(url: string, channel: string, onNotify: (payload: string) => void): Promise<Unlisten> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;
  const quoted = `"${channel.replace(/"/g, '""')}"`;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000, keepAlive: true });
    next.on("notification", (message) => {
      if (message.channel === channel) onNotify(message.payload ?? "");
    });
    const lost = () => {
      if (client !== next) return;
      client = null;
      next.end().catch(() => undefined);
      schedule();
    };
    next.on("error", lost);
    next.on("end", lost);
    try {
      await next.connect();
      await next.query(`LISTEN ${quoted}`);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    if (stopped) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
  };

  const schedule = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = null;
      connect().then(
        () => onNotify(""),
        () => schedule(),
      );
    }, RECONNECT_MS);
    retry.unref();
  };

  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const current = client;
    client = null;
    await current?.end().catch(() => undefined);
  };
}
