import { execFileSync, fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = new URL("../../", import.meta.url);

/** Compiles the subgraph and the bench's children with tsc (test/bench/tsconfig.json) into dist/. */
export function compileChildren(): void {
  execFileSync(fileURLToPath(new URL("node_modules/.bin/tsc", ROOT)), ["-p", fileURLToPath(new URL("test/bench/tsconfig.json", ROOT))], { stdio: "inherit" });
}

/** A request from the bench runner to one of its child processes, and the answer. */
interface RpcRequest {
  id: number;
  command: string;
  args: unknown;
}
interface RpcAnswer {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

export type Handlers = Record<string, (args: never) => unknown>;

/** Child side: answers the runner's commands, then tells it it is ready. */
export function serveCommands(handlers: Handlers, ready: unknown): void {
  process.on("message", (message: RpcRequest) => {
    const handler = handlers[message.command];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown command ${message.command}`);
        return handler(message.args as never);
      })
      .then(
        (result) => process.send!({ id: message.id, ok: true, result } satisfies RpcAnswer),
        (error: unknown) =>
          process.send!({ id: message.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies RpcAnswer),
      );
  });
  process.send!({ id: 0, ok: true, result: ready } satisfies RpcAnswer);
}

export interface Child<Ready> {
  ready: Ready;
  pid: number;
  call<R>(command: string, args?: unknown): Promise<R>;
  stop(): Promise<void>;
}

/**
 * Starts a compiled bench child (`name` of test/bench/<name>.ts, run as dist/test/bench/<name>.js
 * by plain node) with an IPC channel and waits for its ready message. Each measured server runs
 * in its own process so its RSS and its event loop are its own, not shared with the load generator.
 */
export async function startChild<Ready>(name: string, env: Record<string, string> = {}, options: { cpuProfileDir?: string } = {}): Promise<Child<Ready>> {
  const script = `${name}.js`;
  const path = fileURLToPath(new URL(`dist/test/bench/${script}`, ROOT));
  const profile = options.cpuProfileDir ? ["--cpu-prof", "--cpu-prof-dir", options.cpuProfileDir] : [];
  const child: ChildProcess = fork(path, [], {
    execArgv: profile,
    // As deployed: graphql-js and express skip their development-only checks.
    env: { ...process.env, NODE_ENV: "production", ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 1;
  const ready = await new Promise<Ready>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`${script} exited (${code}) before it was ready`));
    child.once("exit", onExit);
    child.on("message", (message: RpcAnswer) => {
      if (message.id === 0) {
        child.off("exit", onExit);
        resolve(message.result as Ready);
        return;
      }
      const waiting = pending.get(message.id);
      if (!waiting) return;
      pending.delete(message.id);
      if (message.ok) waiting.resolve(message.result);
      else waiting.reject(new Error(`${script}: ${message.error}`));
    });
  });
  child.on("exit", (code) => {
    for (const waiting of pending.values()) waiting.reject(new Error(`${script} exited (${code})`));
    pending.clear();
  });
  return {
    ready,
    pid: child.pid!,
    call<R>(command: string, args?: unknown): Promise<R> {
      const id = next++;
      return new Promise<R>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, command, args } satisfies RpcRequest);
      });
    },
    stop() {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill("SIGTERM");
      });
    },
  };
}
