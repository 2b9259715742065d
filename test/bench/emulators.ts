/**
 * Bench child: the four providers' emulators on loopback, in a process of their own so the
 * subgraph's process holds only the subgraph (its RSS and CPU are what is measured).
 */
import { createLogger } from "../../src/logger.js";
import { startDemoProvider } from "../../src/demo/registry.js";
import { PROVIDER_MODULES } from "../../src/providers/registry.js";
import { FaultSwitch } from "../helpers/faults.js";
import type { ReturnProvider } from "../../src/returns/model.js";
import { serveCommands } from "./ipc.js";

interface Emulated {
  calls: unknown[];
  /** The emulator itself, for the sync scenario's changes made on the provider's side. */
  state: { orders: Map<string, Record<string, unknown>>; setStatus(no: string, status: never): void };
  /** In front of the emulator: the bench's added latency. */
  faults: FaultSwitch;
}

export interface EmulatorsReady {
  /** Account settings pointing at each running emulator, by provider. */
  settings: Partial<Record<ReturnProvider, unknown>>;
}

export interface CallCount {
  calls: number;
  /** For each order number asked about: in how many requests it appears. */
  named: Record<string, number>;
}

const logger = createLogger("silent");
const emulators = new Map<ReturnProvider, Emulated>();
const closers: (() => Promise<void>)[] = [];
const settings: EmulatorsReady["settings"] = {};
let webhookBase = "";

for (const module of PROVIDER_MODULES) {
  const path = module.provider.toLowerCase();
  const faults = new FaultSwitch();
  const demo = await startDemoProvider(module.provider, {
    logger,
    clock: () => new Date(),
    webhookUrl: () => `${webhookBase}/webhooks/${path}`,
    before: [faults.middleware()],
  });
  if (!demo) continue;
  emulators.set(module.provider, {
    calls: (demo.emulator as unknown as { calls: unknown[] }).calls,
    faults,
    state: demo.emulator as unknown as Emulated["state"],
  });
  closers.push(demo.close);
  settings[module.provider] = module.accountSchema.parse(demo.settings);
}

/** Whether `number` appears as a whole token in a request (not as part of a longer number). */
function names(text: string, number: string): boolean {
  const escaped = number.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![A-Za-z0-9_-])${escaped}(?![A-Za-z0-9_-])`).test(text);
}

serveCommands(
  {
    reset() {
      for (const e of emulators.values()) e.calls.length = 0;
    },
    /** Upstream calls per provider since the last reset; `numbers` are checked for repeats. */
    count(args: { numbers?: Partial<Record<ReturnProvider, string[]>> }): Partial<Record<ReturnProvider, CallCount>> {
      const result: Partial<Record<ReturnProvider, CallCount>> = {};
      for (const [provider, e] of emulators) {
        const texts = e.calls.map((c) => JSON.stringify(c));
        const named: Record<string, number> = {};
        for (const number of args.numbers?.[provider] ?? []) named[number] = texts.filter((t) => names(t, number)).length;
        result[provider] = { calls: e.calls.length, named };
      }
      return result;
    },
    /** Every emulator answers `ms` later (0: no added latency). */
    delay(args: { ms: number }) {
      for (const e of emulators.values()) {
        if (args.ms > 0) e.faults.delay(args.ms);
        else e.faults.clear();
      }
    },
    cpu: () => process.cpuUsage(),
    /** OMS orders copied from its first one until it holds `total` (the sync scenario's pages of changes). */
    grow(args: { total: number }) {
      const orders = emulators.get("OMS")!.state.orders;
      const model = [...orders.values()][0]!;
      for (let i = orders.size; i < args.total; i++) {
        const orderNo = `RO-BENCH-${String(i).padStart(5, "0")}`;
        orders.set(orderNo, { ...structuredClone(model), orderNo, referenceNo: `REF-BENCH-${i}`, status: 2 });
      }
      return orders.size;
    },
    /**
     * Moves `count` orders on at the provider, as its warehouse would, each to a status it never
     * had: the OMS's from 2 (待审核) to 3 (已审核), WINIT's (`numbers`, open ones the subgraph
     * knows) from OD to LC or else to OD. Answers each order's new status code and when.
     */
    change(args: { provider: "OMS" | "WINIT"; count: number; numbers?: string[] }): { changed: Record<string, string>; at: number } {
      const { state } = emulators.get(args.provider)!;
      const changed: Record<string, string> = {};
      const candidates = args.numbers ?? [...state.orders.entries()].filter(([, o]) => String(o["status"]) === "2").map(([no]) => no);
      for (const no of candidates.slice(0, args.count)) {
        const now = String(state.orders.get(no)?.["status"]);
        const next = args.provider === "OMS" ? 3 : now === "OD" ? "LC" : "OD";
        state.setStatus(no, next as never);
        changed[no] = String(next);
      }
      return { changed, at: Date.now() };
    },
    webhooks(args: { base: string }) {
      webhookBase = args.base;
    },
  },
  { settings } satisfies EmulatorsReady,
);

process.on("SIGTERM", () => {
  void Promise.all(closers.map((c) => c())).finally(() => process.exit(0));
});
