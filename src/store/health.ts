import type { Logger } from "../logger.js";

/**
 * The store cannot be reached (stopped, restarting, network gone, pool exhausted). Callers answer
 * "not now, retry" instead of treating it as a bug; the cause is logged once per outage by
 * `StoreHealth`, not by each caller.
 */
export class StoreUnavailableError extends Error {
  readonly code = "STORE_UNAVAILABLE" as const;
  readonly retryable = true;
  constructor(cause: unknown) {
    super("The returns store is unavailable; retry shortly.", { cause });
  }
}

/** Socket-level failures: the server is not there, or went away mid-conversation. */
const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ECONNABORTED", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
/** SQLSTATEs of a server that is shutting down, starting up or out of connections. */
const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);
/** What pg says, without a code, when a connection dies or the pool cannot get one in time. */
const CONNECTION_MESSAGES = [/^Connection terminated/, /timeout exceeded when trying to connect/i, /not queryable/i, /^Connection ended/];

/**
 * Whether an error means "the store is unreachable" rather than "this statement is wrong".
 * Everything else (syntax, constraints, bad data) stays a bug and is reported as one.
 */
export function isStoreOutage(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    if (CONNECTION_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code)) return true;
    // Class 08: connection exception.
    if (/^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  if (CONNECTION_MESSAGES.some((m) => m.test(error.message))) return true;
  // Node reports a refused connection to every address of a host as one AggregateError.
  if (error instanceof AggregateError) return error.errors.some(isStoreOutage);
  return false;
}

/**
 * Whether the store answered its last call, and the one log line per change: the first failure
 * of an outage (with its error) and the recovery (with how long it lasted and how many calls
 * failed meanwhile). Calls failing during an outage are counted, not logged.
 */
export class StoreHealth {
  private downSince: number | null = null;
  private failedCalls = 0;

  constructor(
    private readonly logger: Logger | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  get up(): boolean {
    return this.downSince === null;
  }

  failed(error: unknown): void {
    this.failedCalls++;
    if (this.downSince !== null) return;
    this.downSince = this.now();
    const { code, message } = error as { code?: unknown; message?: unknown };
    this.logger?.error({ store: "down", error: { code, message } }, "store unavailable: answering retryable errors until it is back");
  }

  succeeded(): void {
    if (this.downSince === null) return;
    const downForMs = this.now() - this.downSince;
    this.logger?.warn({ store: "up", downForMs, failedCalls: this.failedCalls }, "store available again");
    this.downSince = null;
    this.failedCalls = 0;
  }
}
