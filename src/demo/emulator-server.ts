import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type Express, type RequestHandler } from "express";

export interface RunningEmulator {
  url: string;
  close(): Promise<void>;
}

/** Serves an emulator's express app on a loopback port (0 = any free port). */
export async function listenOnLoopback(app: Express, port = 0): Promise<RunningEmulator> {
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(port, "127.0.0.1", () => resolve(s));
    s.once("error", reject);
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Requests a test's middleware left unanswered included: nothing may keep the port open.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * An express app that keeps the raw request text (emulators verify signatures over it). `before`
 * runs ahead of every route, after the body is read, so it can pick a request by its body (tests put
 * their fault switch there).
 */
export function rawTextApp(limit = "5mb", before: readonly RequestHandler[] = []): Express {
  const app = express();
  app.disable("x-powered-by");
  app.use(express.text({ type: () => true, limit }));
  for (const handler of before) app.use(handler);
  return app;
}

/** A small deterministic PRNG so generated demo data is the same on every start. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
