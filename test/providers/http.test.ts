import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { DEFAULT_HTTP_POLICY, ProviderHttp } from "../../src/providers/kit/http.js";
import { ProviderUnavailableError } from "../../src/returns/errors.js";

describe("calls to one provider account", () => {
  let server: Server;
  let url: string;
  let open = 0;
  let mostOpen = 0;
  beforeAll(async () => {
    // Answers 50 ms late and remembers how many requests it held at once.
    server = createServer((_req, res) => {
      open++;
      mostOpen = Math.max(mostOpen, open);
      setTimeout(() => {
        open--;
        res.end('{"ok":true}');
      }, 50);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("are at most maxConcurrentCalls on the wire at once, and the rest are answered in turn", async () => {
    mostOpen = 0;
    const http = new ProviderHttp("OMS", "default", { ...DEFAULT_HTTP_POLICY, maxConcurrentCalls: 3 }, createLogger("silent"));
    const answers = await Promise.all(Array.from({ length: 12 }, () => http.send({ url, idempotent: true, operation: "list" })));
    expect(answers.map((a) => a.text)).toEqual(Array.from({ length: 12 }, () => '{"ok":true}'));
    expect(mostOpen).toBe(3);
  });

  it("are bounded per account: another account's calls do not wait for them", async () => {
    mostOpen = 0;
    const policy = { ...DEFAULT_HTTP_POLICY, maxConcurrentCalls: 2 };
    const accounts = ["eu", "us"].map((account) => new ProviderHttp("OMS", account, policy, createLogger("silent")));
    await Promise.all(accounts.flatMap((http) => Array.from({ length: 4 }, () => http.send({ url, idempotent: true, operation: "list" }))));
    expect(mostOpen).toBe(4);
  });
});

describe("an answer larger than the limit", () => {
  const LIMIT = 64 * 1024;
  const HUGE = 64 * 1024 * 1024;
  let server: Server;
  let url: string;
  /** Bytes the server handed to the socket for the last answer. */
  let written = 0;
  let finished: Promise<void> = Promise.resolve();
  beforeAll(async () => {
    // `?declared` announces the size in content-length; otherwise the answer is chunked without one.
    server = createServer((req, res) => {
      written = 0;
      res.writeHead(200, req.url?.includes("declared") ? { "content-length": String(HUGE) } : {});
      const chunk = Buffer.alloc(64 * 1024, " ");
      finished = new Promise((resolve) => {
        const pump = () => {
          while (written < HUGE && !res.destroyed) {
            written += chunk.length;
            if (!res.write(chunk)) return void res.once("drain", pump);
          }
          if (!res.destroyed) res.end();
          resolve();
        };
        res.once("close", () => resolve());
        pump();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const http = () =>
    new ProviderHttp("WINIT", "default", { ...DEFAULT_HTTP_POLICY, readRetries: 0, timeoutMs: 30_000, maxResponseBytes: LIMIT }, createLogger("silent"));

  it.each(["chunked", "declared"])("is ProviderUnavailable, and the stream is cut off near the limit (%s)", async (kind) => {
    const error = await http()
      .send({ url: `${url}${kind}`, idempotent: true, operation: "list" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as ProviderUnavailableError).reason).toBe(`the answer is larger than ${LIMIT} bytes`);
    await finished;
    // Whatever the socket buffers held, nowhere near the answer's size was sent.
    expect(written).toBeLessThan(HUGE / 4);
  });
});
