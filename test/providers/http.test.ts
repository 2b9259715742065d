import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { DEFAULT_HTTP_POLICY, ProviderHttp } from "../../src/providers/kit/http.js";

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
