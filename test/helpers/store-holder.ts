import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface Holder {
  child: ChildProcess;
  /** "open" once it holds the store; the exit code and stderr when it gave up. */
  outcome: Promise<{ open: true } | { code: number | null; stderr: string }>;
}

/**
 * A separate process that opens the embedded store on `dataDir` and holds it
 * (test/fixtures/hold-store.ts), run behind `prefix` (e.g. `unshare --pid …`) when given.
 */
export function holdStore(dataDir: string, prefix: readonly string[] = []): Holder {
  const command = [...prefix, process.execPath, "--import", "tsx", "test/fixtures/hold-store.ts", dataDir];
  const child = spawn(command[0]!, command.slice(1), { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const outcome = new Promise<{ open: true } | { code: number | null; stderr: string }>((resolve) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("open")) resolve({ open: true });
    });
    child.once("exit", (code) => resolve({ code, stderr }));
  });
  return { child, outcome };
}
