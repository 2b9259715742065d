import { afterEach, describe, expect, it, vi } from "vitest";
import { createLogger } from "../src/logger.js";
import { REPEAT_SIGNAL_WINDOW_MS, terminationHandler } from "../src/shutdown.js";

function harness(close: () => Promise<void>, timeoutMs = 5_000) {
  const lines: Record<string, unknown>[] = [];
  const exits: number[] = [];
  let now = 0;
  const stop = terminationHandler({
    close,
    timeoutMs,
    logger: createLogger("info", { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) } as never),
    exit: (code) => exits.push(code),
    now: () => now,
  });
  return { stop, lines, exits, advance: (ms: number) => (now += ms) };
}

const never = () => new Promise<void>(() => undefined);

describe("terminationHandler", () => {
  afterEach(() => vi.useRealTimers());

  it("closes and exits 0", async () => {
    const close = vi.fn(async () => undefined);
    const { stop, exits } = harness(close);
    stop("SIGTERM");
    await vi.waitFor(() => expect(exits).toEqual([0]));
    expect(close).toHaveBeenCalledOnce();
  });

  it("exits 1 when closing fails, and says why", async () => {
    const { stop, exits, lines } = harness(async () => {
      throw new Error("store would not close");
    });
    stop("SIGTERM");
    await vi.waitFor(() => expect(exits).toEqual([1]));
    expect(lines.at(-1)).toMatchObject({ code: "SHUTDOWN_FAILED", msg: "shutdown failed" });
  });

  it("exits 1 at the deadline when closing hangs", () => {
    vi.useFakeTimers();
    const { stop, exits, lines } = harness(never, 5_000);
    stop("SIGTERM");
    vi.advanceTimersByTime(4_999);
    expect(exits).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(exits).toEqual([1]);
    expect(lines.at(-1)).toMatchObject({ code: "SHUTDOWN_TIMEOUT", timeoutMs: 5_000 });
  });

  it("exits 1 at once on a second signal", () => {
    vi.useFakeTimers();
    const { stop, exits, lines, advance } = harness(never);
    stop("SIGTERM");
    advance(REPEAT_SIGNAL_WINDOW_MS);
    stop("SIGINT");
    expect(exits).toEqual([1]);
    expect(lines.at(-1)).toMatchObject({ code: "SHUTDOWN_INTERRUPTED", signal: "SIGINT" });
  });

  it("takes the same signal delivered twice at once (group signal and npm's forward) as one", () => {
    vi.useFakeTimers();
    const close = vi.fn(never);
    const { stop, exits, advance } = harness(close);
    stop("SIGTERM");
    advance(5);
    stop("SIGTERM");
    expect(exits).toEqual([]);
    expect(close).toHaveBeenCalledOnce();
  });
});
