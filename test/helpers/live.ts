import { createClient, type Client, type FormattedExecutionResult } from "graphql-ws";
import WebSocket from "ws";

export interface Subscribed<T> {
  /** Results received so far. */
  results: FormattedExecutionResult<T, unknown>[];
  /** The error the server ended the subscription with (an `error` message, or a close). */
  ended: Promise<unknown>;
  /** Resolves with the first `count` results (all received so far when more). */
  take(count: number, timeoutMs?: number): Promise<FormattedExecutionResult<T, unknown>[]>;
  dispose(): void;
}

export interface LiveClient {
  client: Client;
  /** Close events the client saw (code, reason). */
  closes: { code: number; reason: string }[];
  subscribe<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Subscribed<T>;
  dispose(): Promise<void>;
}

/**
 * The real graphql-ws client over `ws`, to `url` (http:// is turned into ws://), without retries;
 * `handshakeHeaders` go on the upgrade request (as a router propagating headers sends them).
 */
export function liveClient(url: string, connectionParams?: Record<string, unknown>, handshakeHeaders?: Record<string, string>): LiveClient {
  const closes: { code: number; reason: string }[] = [];
  const client = createClient({
    url: url.replace(/^http/, "ws"),
    webSocketImpl: handshakeHeaders
      ? class extends WebSocket {
          constructor(address: string, protocols?: string | string[]) {
            super(address, protocols, { headers: handshakeHeaders });
          }
        }
      : WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: true,
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        closes.push({ code, reason: String(reason) });
      },
    },
  });
  return {
    client,
    closes,
    subscribe<T>(query: string, variables?: Record<string, unknown>): Subscribed<T> {
      const results: FormattedExecutionResult<T, unknown>[] = [];
      const waiters: (() => void)[] = [];
      let settle: (value: unknown) => void = () => undefined;
      const ended = new Promise<unknown>((resolve) => (settle = resolve));
      const dispose = client.subscribe<T>(
        { query, variables },
        {
          next: (result) => {
            results.push(result);
            for (const wake of waiters.splice(0)) wake();
          },
          error: (error) => {
            settle(error);
            for (const wake of waiters.splice(0)) wake();
          },
          complete: () => settle(null),
        },
      );
      return {
        results,
        ended,
        dispose,
        async take(count, timeoutMs = 10_000) {
          const deadline = Date.now() + timeoutMs;
          let done = false;
          void ended.then(() => (done = true));
          while (results.length < count) {
            if (done) throw new Error(`subscription ended after ${results.length} of ${count} results: ${JSON.stringify(await ended)}`);
            const left = deadline - Date.now();
            if (left <= 0) throw new Error(`timed out after ${results.length} of ${count} results`);
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, left);
              waiters.push(() => {
                clearTimeout(timer);
                resolve();
              });
            });
          }
          return results.slice(0, count);
        },
      };
    },
    dispose: () => client.dispose() as Promise<void>,
  };
}

/** Waits until `check` holds (polling), or fails after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
