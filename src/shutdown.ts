import type { Logger } from "./logger.js";

export interface ShutdownOptions {
  /** Drains requests in flight and closes everything (Application.close). */
  close(): Promise<void>;
  logger: Logger;
  /** From the first signal to exit, whatever hangs. */
  timeoutMs: number;
  exit?: (code: number) => void;
  now?: () => number;
}

/**
 * A repeat within this time is the same request: npm forwards the signal it got to its child, so a
 * signal sent to the process group of `npm start` can reach the subgraph twice at once.
 */
export const REPEAT_SIGNAL_WINDOW_MS = 1000;

/**
 * What SIGTERM and SIGINT do: the first closes the application and exits 0, or exits 1 when closing
 * fails or outlasts the deadline; a later one exits 1 at once.
 */
export function terminationHandler(options: ShutdownOptions): (signal: NodeJS.Signals) => void {
  const { logger, timeoutMs } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const now = options.now ?? Date.now;
  let firstAt: number | undefined;
  return (signal) => {
    if (firstAt !== undefined) {
      if (now() - firstAt < REPEAT_SIGNAL_WINDOW_MS) return;
      logger.warn({ signal, code: "SHUTDOWN_INTERRUPTED" }, "second signal: exiting without finishing the shutdown");
      exit(1);
      return;
    }
    firstAt = now();
    logger.info({ signal, timeoutMs }, "shutting down");
    // Not unref'd: a close that waits on nothing would otherwise let the process end with 0.
    const deadline = setTimeout(() => {
      logger.error({ timeoutMs, code: "SHUTDOWN_TIMEOUT" }, "shutdown deadline passed: exiting without finishing the shutdown");
      exit(1);
    }, timeoutMs);
    options.close().then(
      () => {
        clearTimeout(deadline);
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(deadline);
        logger.error({ err: error, code: "SHUTDOWN_FAILED" }, "shutdown failed");
        exit(1);
      },
    );
  };
}
