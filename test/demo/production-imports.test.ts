import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importsOf, staticallyLoaded } from "./import-graph.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SRC = join(ROOT, "src");
const DEMO = join(SRC, "demo");
const PROVIDERS = join(SRC, "providers");
const RECORDER = new URL("../helpers/record-imports.mjs", import.meta.url).href;

const inside = (folder: string, file: string) => !relative(folder, file).startsWith("..");
/** Demo code wherever it lives: the demo folder, or any emulator or seed fixture. */
const isDemo = (file: string) => inside(DEMO, file) || /emulator|fixtures/.test(relative(SRC, file));

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith(".ts") ? [path] : [];
  });
}

// Real-looking credentials for every provider, pointed at a closed loopback port: nothing leaves.
const PRODUCTION_ENV = {
  NODE_ENV: "production",
  AUTH_JWT_SECRET: "production-import-test-secret-of-32+chars",
  WINIT_BASE_URL: "http://127.0.0.1:9",
  WINIT_APP_KEY: "seller@example.com",
  WINIT_TOKEN: "0f3c2a9be41d4c7fa1e2b3c4d5e6f708",
  WINIT_CLIENT_ID: "CID-1",
  WINIT_CLIENT_SECRET: "9a8b7c6d5e4f30211203f4e5d6c7b8a9",
  WINIT_PLATFORM: "OWNERERP",
  QIANYI_BASE_URL: "http://127.0.0.1:9",
  QIANYI_APP_ID: "qy-app-1",
  QIANYI_APP_SECRET: "5b1f0c8e2d7a4b6c9e3f1a2b4c6d8e0f",
  OMS_BASE_URL: "http://127.0.0.1:9",
  OMS_API_KEY: "oms-key-1",
  OMS_API_SECRET: "d41d8cd98f00b204e9800998ecf8427e",
  QIMEN_BASE_URL: "http://127.0.0.1:9",
  QIMEN_APP_KEY: "23268761",
  QIMEN_APP_SECRET: "b17cc059ffba3f6cf0d9131359d0be2a",
  QIMEN_CUSTOMER_ID: "CUSTOMER-1",
};

/** Runs `src/index.ts` until it is ready, stops it, and answers every project file it loaded. */
async function loadedAtStart(env: Record<string, string>): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "imports-"));
  const record = join(dir, "loaded.txt");
  try {
    const child = spawn(process.execPath, ["--import", "tsx", "--import", RECORDER, "src/index.ts"], {
      cwd: ROOT,
      env: { PATH: process.env["PATH"] ?? "", HOME: dir, PORT: "0", LOG_LEVEL: "info", DATA_DIR: join(dir, "pglite"), RECORD_IMPORTS_TO: record, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(() => fail(new Error(`not ready in time:\n${output}`)), 90_000);
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("returns subgraph ready")) {
          clearTimeout(timer);
          ready();
        }
      };
      child.stdout.on("data", read);
      child.stderr.on("data", read);
      void exited.then((code) => fail(new Error(`exited (${code}) before it was ready:\n${output}`)));
    });
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    return [...new Set(readFileSync(record, "utf8").split("\n"))]
      .filter((url) => url.startsWith("file:"))
      .map((url) => fileURLToPath(url))
      .filter((file) => inside(SRC, file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("demo code stays out of production", () => {
  it("no static import from src/index.ts reaches demo code", () => {
    const reached = staticallyLoaded(join(SRC, "index.ts"));
    // The walk does follow the whole app: config, application, every provider module.
    for (const file of ["application.ts", "config.ts", "providers/registry.ts", "providers/winit/index.ts", "providers/qimen/index.ts"]) {
      expect(reached.has(join(SRC, file)), file).toBe(true);
    }
    const demo = [...reached].filter(([file]) => isDemo(file)).map(([file, by]) => `${relative(ROOT, file)} (imported by ${relative(ROOT, by ?? "")})`);
    expect(demo).toEqual([]);
  });

  it("the demo registry is reached from the application only by a dynamic import", () => {
    const edges = importsOf(join(SRC, "application.ts")).filter((e) => inside(DEMO, e.to));
    expect(edges.map((e) => ({ to: relative(SRC, e.to), dynamic: e.dynamic }))).toEqual([{ to: "demo/registry.ts", dynamic: true }]);
  });

  it("emulators import nothing of the providers' code: their reading of each rule is their own", () => {
    const borrowed = filesUnder(DEMO).flatMap((file) =>
      importsOf(file)
        .filter((e) => inside(PROVIDERS, e.to))
        .map((e) => `${relative(ROOT, file)} → ${relative(ROOT, e.to)}`),
    );
    expect(borrowed).toEqual([]);
  });

  it("starting in production mode, every provider configured, loads no demo module", async () => {
    const loaded = await loadedAtStart(PRODUCTION_ENV);
    expect(loaded).toContain(resolve(SRC, "providers/winit/adapter.ts"));
    expect(loaded.filter(isDemo).map((file) => relative(ROOT, file))).toEqual([]);
  }, 120_000);

  it("starting in demo mode does load the emulators (the recorder sees dynamic imports and seed data)", async () => {
    const loaded = (await loadedAtStart({ NODE_ENV: "development" })).map((file) => relative(SRC, file));
    expect(loaded).toEqual(
      expect.arrayContaining([
        "demo/registry.ts",
        "demo/winit/emulator.ts",
        "demo/qianyi/emulator.ts",
        "demo/oms/emulator.ts",
        "demo/qimen/emulator.ts",
        "demo/winit/fixtures/seed-003-query-response.json",
      ]),
    );
  }, 120_000);
});
