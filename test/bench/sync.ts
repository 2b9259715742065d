/**
 * The sync scenario (`BENCH_SCENARIOS=sync`): orders changed at the providers' emulators and
 * nobody reading them; the subgraph's sync finds them. Figures: upstream calls per account per
 * run against the number of changed orders, and the lag from an emulator-side change to its
 * OBSERVED event.
 */
import { groupByCreationWindow } from "../../src/providers/winit/lookup-plan.js";
import type { EmulatorsReady } from "./emulators.js";
import type { Child } from "./ipc.js";
import { percentile, request } from "./load.js";
import { operationText } from "./operations.js";
import type { SubgraphReady } from "./subgraph.js";

export const SYNC_INTERVAL_SECONDS = 2;
/** Changed OMS orders per step: up to several pages of a hundred. */
const CHANGES = [0, 1, 10, 100, 250];
/** Enough OMS orders in status 2 for every step to change orders never changed before. */
const OMS_ORDERS = 420;
const OMS_PAGE = 100;
const WINIT_WINDOW_DAYS = 7;

export interface SyncStep {
  /** OMS orders changed (as many as asked while the emulator has orders in status 2). */
  changed: number;
  omsRunCalls: number | null;
  winitChanged: number;
  winitRunCalls: number | null;
  lagsMs: number[];
}

export interface SyncFigures {
  intervalSeconds: number;
  winitOpenKnown: number;
  winitWindows: number;
  qianyiRunCalls: number | null;
  steps: SyncStep[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Observed {
  seenAt: Record<string, number>;
  runCalls: number | null;
}

export async function measureSync(emulators: Child<EmulatorsReady>, subgraph: Child<SubgraphReady>): Promise<SyncFigures> {
  await emulators.call("grow", { total: OMS_ORDERS });
  // One read makes WINIT's orders known: from then on every run reads the open ones again.
  const list = JSON.stringify({ query: operationText("orders.graphql", "ReturnOrders"), variables: { filter: { providers: ["WINIT"] }, first: 100 } });
  const { status } = await request(`${subgraph.ready.url}/graphql`, list);
  if (status !== 200) throw new Error(`bench: the WINIT read answered ${status}`);
  const open = await subgraph.call<{ providerOrderNo: string; createdAt: string | null }[]>("openOrders", { provider: "WINIT" });
  const windows = groupByCreationWindow(
    open.map((o) => ({ providerOrderNo: o.providerOrderNo, createdAt: o.createdAt ? new Date(o.createdAt) : null })),
    WINIT_WINDOW_DAYS,
  ).length;
  await sleep(SYNC_INTERVAL_SECONDS * 1000 * 1.5);
  const steps: SyncStep[] = [];
  const timeoutMs = SYNC_INTERVAL_SECONDS * 1000 * 6;
  // Each step changes WINIT orders no step changed before: a code an order had already is no new event.
  let used = 0;
  for (const count of CHANGES) {
    // Changes land at any moment of an interval, not just after a run.
    await sleep(Math.random() * SYNC_INTERVAL_SECONDS * 1000);
    const numbers = open.slice(used, used + count).map((o) => o.providerOrderNo);
    used += numbers.length;
    const oms = await emulators.call<{ changed: Record<string, string>; at: number }>("change", { provider: "OMS", count });
    const winit = await emulators.call<{ changed: Record<string, string>; at: number }>("change", {
      provider: "WINIT",
      count: Math.min(count, numbers.length),
      numbers,
    });
    const [omsSeen, winitSeen] = await Promise.all([
      subgraph.call<Observed>("waitObserved", { provider: "OMS", changed: oms.changed, since: oms.at, timeoutMs }),
      subgraph.call<Observed>("waitObserved", { provider: "WINIT", changed: winit.changed, since: winit.at, timeoutMs }),
    ]);
    const lags = [...Object.values(omsSeen.seenAt).map((t) => t - oms.at), ...Object.values(winitSeen.seenAt).map((t) => t - winit.at)];
    const missing = Object.keys(oms.changed).length + Object.keys(winit.changed).length - lags.length;
    steps.push({
      changed: Object.keys(oms.changed).length,
      omsRunCalls: omsSeen.runCalls,
      winitChanged: Object.keys(winit.changed).length,
      winitRunCalls: winitSeen.runCalls,
      // A change never seen counts as the whole wait: it must fail the lag goal.
      lagsMs: [...lags, ...Array.from({ length: missing }, () => timeoutMs)],
    });
    console.log(`bench: sync measured with ${count} changed orders`);
  }
  const states = await subgraph.call<{ provider: string; lastRunCalls: number | null }[]>("syncStates");
  return {
    intervalSeconds: SYNC_INTERVAL_SECONDS,
    winitOpenKnown: open.length,
    winitWindows: windows,
    qianyiRunCalls: states.find((s) => s.provider === "QIANYI")?.lastRunCalls ?? null,
    steps,
  };
}

export interface SyncGoal {
  goal: string;
  latencyMs: number;
  measured: string;
  pass: boolean;
}

/** The scenario's table and its goals: one OMS call per page of changes, one WINIT call per window of open orders, lag ≤ interval + 2 s. */
export function syncReport(figures: SyncFigures, table: (rows: string[][]) => string): { lines: string[]; goals: SyncGoal[] } {
  const lines = [
    `\n== Sync: orders changed at the emulators, found without a read (interval ${figures.intervalSeconds} s, overlap 0 s) ==`,
    `WINIT: ${figures.winitOpenKnown} open orders known, in ${figures.winitWindows} creation windows of ${WINIT_WINDOW_DAYS} days; Qianyi's last run: ${figures.qianyiRunCalls ?? "-"} calls (its update filter is precise to the day: every order changed today is listed).`,
  ];
  const goals: SyncGoal[] = [];
  const all: number[] = [];
  const rows = figures.steps.map((s) => {
    const sorted = [...s.lagsMs].sort((a, b) => a - b);
    all.push(...sorted);
    const pages = Math.max(1, Math.ceil(s.changed / OMS_PAGE));
    goals.push({
      goal: `sync: OMS calls per run <= one per page of ${OMS_PAGE} changes (${s.changed} changed)`,
      latencyMs: -1,
      measured: `${s.omsRunCalls ?? "-"} calls, ${pages} page(s)`,
      pass: s.omsRunCalls !== null && s.omsRunCalls <= pages,
    });
    goals.push({
      goal: `sync: WINIT calls per run <= one per window of known open orders (${s.winitChanged} changed)`,
      latencyMs: -1,
      measured: `${s.winitRunCalls ?? "-"} calls, ${figures.winitWindows} windows`,
      pass: s.winitRunCalls !== null && s.winitRunCalls <= figures.winitWindows,
    });
    const p = (q: number) => (sorted.length ? (percentile(sorted, q) / 1000).toFixed(2) : "-");
    return [String(s.changed), String(s.omsRunCalls ?? "-"), String(pages), String(s.winitChanged), String(s.winitRunCalls ?? "-"), p(50), p(100)];
  });
  lines.push(table([["OMS changed", "OMS calls/run", "OMS pages", "WINIT changed", "WINIT calls/run", "lag p50 s", "lag max s"], ...rows]));
  const max = all.length ? Math.max(...all) : Number.NaN;
  goals.push({
    goal: `sync: detection lag <= interval + 2 s (${figures.intervalSeconds + 2} s)`,
    latencyMs: -1,
    measured: `max ${(max / 1000).toFixed(2)} s over ${all.length} changes`,
    pass: Number.isFinite(max) && max <= (figures.intervalSeconds + 2) * 1000,
  });
  return { lines, goals };
}
