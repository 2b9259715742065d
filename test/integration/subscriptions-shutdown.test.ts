import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { liveClient, until } from "../helpers/live.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("SIGTERM with subscriptions open", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "returns-live-shutdown-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("closes each WebSocket with 1001 and exits 0 well within the shutdown deadline", async () => {
    // Outside NODE_ENV=test, as `npm start` runs: the process's own signal handling (src/shutdown.ts).
    const child = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "development", PORT: "0", DATA_DIR: join(dataDir, "pglite"), LOG_LEVEL: "info", SHUTDOWN_TIMEOUT_MS: "8000" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout!.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const ready = /"url":"(http:\/\/[^"]+)\/graphql".*"msg":"returns subgraph ready"/.exec(out);
        if (ready) resolve(ready[1]!);
      });
      void exited.then((code) => reject(new Error(`exited (${code}) before it was ready: ${out.slice(-500)}`)));
    });
    const client = liveClient(`${url}/graphql`);
    try {
      const subscriptions = [
        client.subscribe("subscription { returnOrderChanged { id } }"),
        client.subscribe("subscription { returnOrderChanged { status } }"),
      ];
      // Both are running at the server (its own gauge says so) before the signal.
      await until(async () => /^returns_subscriptions 2$/m.test(await (await fetch(`${url}/metrics`)).text()), "both subscriptions");
      const signalled = Date.now();
      child.kill("SIGTERM");
      const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r("still running 8 s after SIGTERM"), 8_000))]);
      if (typeof code === "string") child.kill("SIGKILL");
      expect(code).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(5_000);
      await Promise.all(subscriptions.map((s) => s.ended));
      expect(client.closes).toEqual([{ code: 1001, reason: "The server is shutting down; reconnect." }]);
    } finally {
      await client.dispose();
    }
  }, 60_000);
});
