/** Where log lines go: anything with `write`, as pino takes it. */
export interface LogOutput {
  write(line: string): void;
}

/** Backlog past which lines are dropped rather than held in memory for a reader that does not read. */
export const MAX_LOG_BACKLOG_BYTES = 8 * 1024 * 1024;

/**
 * Log lines to a stream (stdout) that never block the process, never throw, and never hold its exit.
 *
 * pino's own stdout writer flushes synchronously on exit and retries a write that fails with EPIPE or
 * EAGAIN forever: a parent that stopped reading, then went away, kept a stopped subgraph alive in
 * that loop. Node's stdout stream queues instead (a pipe is non-blocking) and drops what is left at
 * exit. A broken output ends logging; a reader that falls behind loses lines, counted and reported
 * once it catches up.
 */
export function nonBlockingOutput(stream: NodeJS.WritableStream & { writableLength: number }, maxBacklogBytes = MAX_LOG_BACKLOG_BYTES): LogOutput {
  let broken = false;
  let dropped = 0;
  stream.on("error", () => {
    broken = true;
  });
  stream.on("drain", () => {
    if (dropped === 0 || broken) return;
    stream.write(
      `${JSON.stringify({ level: 40, time: new Date().toISOString(), service: "returns-subgraph", dropped, msg: "log lines dropped: the output was not read" })}\n`,
    );
    dropped = 0;
  });
  return {
    write(line: string) {
      if (broken) return;
      if (stream.writableLength > maxBacklogBytes) {
        dropped++;
        return;
      }
      try {
        stream.write(line);
      } catch {
        broken = true;
      }
    },
  };
}
