import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { LOCK_FILE_NAME } from "../../src/store/lock.js";
import { groupMembers, isRunning, waitFor } from "../helpers/processes.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("the process started as `npm start` starts it", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "returns-shutdown-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("refuses a second process on its DATA_DIR, and exits 0 soon after SIGTERM, as an orchestrator stopping it expects", async () => {
    const storeDir = join(dataDir, "pglite");
    // Outside NODE_ENV=test, where Apollo Server would install signal handlers of its own.
    const start = (stdio: "inherit" | "pipe") =>
      spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
        cwd: ROOT,
        env: { ...process.env, NODE_ENV: "development", PORT: "0", DATA_DIR: storeDir, LOG_LEVEL: "info" },
        stdio: ["ignore", "pipe", stdio],
      });
    const child = start("inherit");
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      let out = "";
      child.stdout!.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('"msg":"returns subgraph ready"')) resolve();
      });
      void exited.then((code) => reject(new Error(`exited (${code}) before it was ready: ${out.slice(-500)}`)));
    });
    const second = start("pipe");
    let refusal = "";
    second.stderr!.on("data", (chunk: Buffer) => (refusal += chunk.toString()));
    const secondCode = await new Promise<number | null>((resolve) => second.once("exit", (code) => resolve(code)));
    expect({ secondCode, refusal }).toMatchObject({
      secondCode: 1,
      refusal: expect.stringContaining(`Start-up failed (STORE_LOCKED): DATA_DIR ${storeDir} is in use by process ${child.pid}`),
    });
    child.kill("SIGTERM");
    const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r("still running 15 s after SIGTERM"), 15_000))]);
    if (code === "still running 15 s after SIGTERM") child.kill("SIGKILL");
    expect({ code, signal: child.signalCode }).toEqual({ code: 0, signal: null });
  }, 60_000);
});

// The process group is read from Linux's /proc.
describe.skipIf(!existsSync("/proc/self/stat"))("a parent that stops reading, signals the group of `npm start` and goes away", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "returns-shutdown-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("still sees the subgraph exit within the shutdown deadline, the store closed", async () => {
    const storeDir = join(dataDir, "pglite");
    const child = spawn("npm", ["start"], {
      cwd: ROOT,
      detached: true,
      env: { ...process.env, NODE_ENV: "development", PORT: "0", DATA_DIR: storeDir, LOG_LEVEL: "info", SHUTDOWN_TIMEOUT_MS: "6000" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const group = child.pid!;
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        const onData = (chunk: Buffer) => {
          out += chunk.toString();
          const ready = /"url":"([^"]+)"[^\n]*"msg":"returns subgraph ready"/.exec(out);
          if (!ready) return;
          // From here on nobody reads: the subgraph's output fills up and stays full.
          child.stdout.off("data", onData);
          child.stdout.pause();
          resolve(ready[1]!);
        };
        child.stdout.on("data", onData);
        child.stderr.pause();
        child.once("exit", (code) => reject(new Error(`npm start exited (${code}) before it was ready: ${out.slice(-500)}`)));
      });
      // npm, the shell it runs the script in, and node: the last is the subgraph.
      const subgraph = groupMembers(group).find((p) => /(^|\/)node dist\/src\/index\.js$/.test(p.command));
      expect(subgraph, JSON.stringify(groupMembers(group))).toBeDefined();
      // Each operation logs its name: long names fill the output quickly.
      const name = `Fill${"x".repeat(4000)}`;
      for (let batch = 0; batch < 25; batch++) {
        await Promise.all(
          Array.from({ length: 16 }, () =>
            fetch(url, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ query: `query ${name} { __typename }` }),
            }).then((r) => r.text()),
          ),
        );
      }
      process.kill(-group, "SIGTERM");
      child.stdout.destroy();
      child.stderr.destroy();
      const gone = await waitFor(() => !isRunning(subgraph!.pid), 12_000);
      expect({ gone, left: groupMembers(group) }).toEqual({ gone: true, left: [] });
      expect(existsSync(join(storeDir, LOCK_FILE_NAME))).toBe(false);
    } finally {
      try {
        process.kill(-group, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
  }, 120_000);
});
