import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("the process started as `npm start` starts it", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "returns-shutdown-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("exits 0 soon after SIGTERM, as an orchestrator stopping it expects", async () => {
    // Outside NODE_ENV=test, where Apollo Server would install signal handlers of its own.
    const child = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "development", PORT: "0", DATA_DIR: join(dataDir, "pglite"), LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('"msg":"returns subgraph ready"')) resolve();
      });
      void exited.then((code) => reject(new Error(`exited (${code}) before it was ready: ${out.slice(-500)}`)));
    });
    child.kill("SIGTERM");
    const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r("still running 15 s after SIGTERM"), 15_000))]);
    if (code === "still running 15 s after SIGTERM") child.kill("SIGKILL");
    expect({ code, signal: child.signalCode }).toEqual({ code: 0, signal: null });
  }, 60_000);
});
