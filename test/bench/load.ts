/** A bounded closed-loop load generator: plain fetch, a fixed number of workers, a fixed duration. */

export interface LoadResult {
  concurrency: number;
  durationMs: number;
  requests: number;
  failures: number;
  /** Completed requests per second over the measured window. */
  throughput: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
}

export interface LoadOptions {
  url: string;
  body: string;
  concurrency: number;
  /** Measured window; the last requests started before its end are still awaited and counted. */
  durationMs: number;
  /** Run the same loop this long first and discard it (JIT, connection pool, caches). */
  warmupMs: number;
  /** Whether an answer is a correct one (a failure is counted, never timed as a success). */
  valid: (status: number, text: string) => boolean;
  /** Called right before and right after the measured window (e.g. to read CPU counters). */
  around?: { start(): Promise<void>; end(): Promise<void> };
  /** Also receives every measured duration (to merge several windows into one distribution). */
  samples?: number[];
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export async function request(url: string, body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
  return { status: response.status, text: await response.text() };
}

async function loop(options: LoadOptions, until: number, durations: number[], failures: { count: number }): Promise<void> {
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        try {
          const { status, text } = await request(options.url, options.body);
          if (options.valid(status, text)) durations.push(performance.now() - started);
          else failures.count++;
        } catch {
          failures.count++;
        }
      }
    }),
  );
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  await loop(options, performance.now() + options.warmupMs, [], { count: 0 });
  const durations: number[] = [];
  const failures = { count: 0 };
  await options.around?.start();
  const started = performance.now();
  await loop(options, started + options.durationMs, durations, failures);
  const elapsed = performance.now() - started;
  await options.around?.end();
  options.samples?.push(...durations);
  durations.sort((a, b) => a - b);
  return {
    concurrency: options.concurrency,
    durationMs: Math.round(elapsed),
    requests: durations.length,
    failures: failures.count,
    throughput: durations.length / (elapsed / 1000),
    p50Ms: percentile(durations, 50),
    p99Ms: percentile(durations, 99),
    meanMs: durations.reduce((s, d) => s + d, 0) / Math.max(1, durations.length),
    maxMs: durations.at(-1) ?? Number.NaN,
  };
}

/** Requests answered, and how long each took (sorted), or failed. */
export interface Samples {
  durations: number[];
  failures: number;
}

export interface BackToBack {
  /** Stops after the request in flight and reports what ran. */
  stop(): Promise<Samples>;
}

/** One client sending the same request again as soon as the last is answered, until stopped. */
export function backToBack(url: string, body: string, valid: (status: number, text: string) => boolean): BackToBack {
  let running = true;
  const durations: number[] = [];
  let failures = 0;
  const done = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const { status, text } = await request(url, body);
        if (valid(status, text)) durations.push(performance.now() - started);
        else failures++;
      } catch {
        failures++;
      }
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return { durations, failures };
    },
  };
}
