/**
 * The `live` bench scenario: how long a Qianyi push takes to reach subscribers of two replicas
 * on one PostgreSQL (the real graphql-ws client over `ws`, as a gateway connects), and the RSS
 * that 1,000 idle subscriptions add to one replica.
 */
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import type { Child } from "./ipc.js";
import { percentile } from "./load.js";
import type { SubgraphReady } from "./subgraph.js";

const SUBSCRIBERS = 100;
const PUSH_ROUNDS = 40;
const IDLE_SUBSCRIPTIONS = 1_000;
/** How long one push may take to reach every subscriber before the round counts its misses. */
const ROUND_TIMEOUT_MS = 5_000;
const SUBSCRIPTION = "subscription { returnOrderChanged(filter: { sources: [PROVIDER_PUSH] }) { status providerStatus source at } }";

export interface LiveRun {
  replicas: number;
  store: "postgres" | "pglite";
  subscribers: number;
  pushes: number;
  /**
   * Push accepted (the subgraph's 200 reached the Qianyi emulator) to event received, over every
   * subscriber and push; below zero when the event arrived before the answer did.
   */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The same from the push sent, which adds the push's own handling (verify, store, commit). */
  fromSentP50Ms: number;
  fromSentP99Ms: number;
  /** Push sent to the subgraph's answer (accepted), p50. */
  acceptedP50Ms: number;
  /** Deliveries that did not arrive within the round's time. */
  missed: number;
  idle: { subscriptions: number; rssBeforeMb: number; rssAfterMb: number; addedMb: number };
}

export interface LiveGoal {
  goal: string;
  latencyMs: number;
  measured: string;
  pass: boolean;
}

interface Subscriber {
  client: Client;
  received: Map<string, number>;
}

const connect = (url: string): Client =>
  createClient({ url: `${url.replace(/^http/, "ws")}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, keepAlive: 0 });

function subscribe(client: Client, onEvent: (data: { providerStatus: string; at: string }) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let started = false;
    client.subscribe<{ returnOrderChanged: { providerStatus: string; at: string } }>(
      { query: SUBSCRIPTION },
      {
        next: (result) => onEvent(result.data!.returnOrderChanged),
        error: (error) => (started ? undefined : reject(error instanceof Error ? error : new Error(JSON.stringify(error)))),
        complete: () => undefined,
      },
    );
    started = true;
    resolve();
  });
}

async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`bench live: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const total = async (replicas: Child<SubgraphReady>[]) => (await Promise.all(replicas.map((r) => r.call<number>("subscriptions")))).reduce((s, n) => s + n, 0);

/**
 * `replicas` share one database (two on PostgreSQL; one on PGlite, which is one process's alone).
 * Pushes are accepted by the last replica; subscribers are spread evenly over all of them.
 */
export async function measureLive(emulators: Child<unknown>, replicas: Child<SubgraphReady>[]): Promise<LiveRun> {
  await emulators.call("webhooks", { base: replicas.at(-1)!.ready.url });
  const numbers = await emulators.call<string[]>("qianyiReturns");
  if (numbers.length < PUSH_ROUNDS) throw new Error(`bench live: the Qianyi emulator holds ${numbers.length} returns, ${PUSH_ROUNDS} needed`);

  const subscribers: Subscriber[] = [];
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const subscriber: Subscriber = { client: connect(replicas[i % replicas.length]!.ready.url), received: new Map() };
    await subscribe(subscriber.client, (event) => subscriber.received.set(event.at, Date.now()));
    subscribers.push(subscriber);
  }
  await until(async () => (await total(replicas)) === SUBSCRIBERS, `${SUBSCRIBERS} subscriptions`);

  const latencies: number[] = [];
  const fromSent: number[] = [];
  const accepted: number[] = [];
  let missed = 0;
  for (let round = 0; round < PUSH_ROUNDS; round++) {
    const status = round % 2 === 0 ? "WAIT_STORAGE" : "FINISH";
    const push = await emulators.call<{ sentAt: number; answeredAt: number; status: number; timestamp: string }>("qianyiPush", {
      returnNumber: numbers[round],
      status,
    });
    if (push.status !== 200) throw new Error(`bench live: push answered ${push.status}`);
    accepted.push(push.answeredAt - push.sentAt);
    const at = new Date(Number(push.timestamp)).toISOString();
    await until(() => subscribers.every((s) => s.received.has(at)), "every subscriber to receive the push", ROUND_TIMEOUT_MS).catch(() => undefined);
    for (const s of subscribers) {
      const receivedAt = s.received.get(at);
      if (receivedAt === undefined) missed++;
      else {
        latencies.push(receivedAt - push.answeredAt);
        fromSent.push(receivedAt - push.sentAt);
      }
    }
  }
  for (const s of subscribers) void s.client.dispose();
  await until(async () => (await total(replicas)) === 0, "the subscriptions to end");

  // 1,000 idle subscriptions, one connection each (Apollo Router opens one per subscription), on one replica.
  const target = replicas[0]!;
  const settle = () => new Promise((resolve) => setTimeout(resolve, 2_000));
  await settle();
  const before = await target.call<number>("rss");
  const idle: Client[] = [];
  for (let i = 0; i < IDLE_SUBSCRIPTIONS; i++) {
    const client = connect(target.ready.url);
    await subscribe(client, () => undefined);
    idle.push(client);
  }
  await until(async () => (await target.call<number>("subscriptions")) === IDLE_SUBSCRIPTIONS, `${IDLE_SUBSCRIPTIONS} idle subscriptions`, 120_000);
  await settle();
  const after = await target.call<number>("rss");
  for (const c of idle) void c.dispose();

  const byValue = (a: number, b: number) => a - b;
  const sorted = latencies.sort(byValue);
  fromSent.sort(byValue);
  const mb = (bytes: number) => bytes / 1024 / 1024;
  return {
    replicas: replicas.length,
    store: target.ready.store,
    subscribers: SUBSCRIBERS,
    pushes: PUSH_ROUNDS,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.at(-1) ?? Number.NaN,
    fromSentP50Ms: percentile(fromSent, 50),
    fromSentP99Ms: percentile(fromSent, 99),
    acceptedP50Ms: percentile(accepted.sort(byValue), 50),
    missed,
    idle: { subscriptions: IDLE_SUBSCRIPTIONS, rssBeforeMb: mb(before), rssAfterMb: mb(after), addedMb: mb(after - before) },
  };
}

/** The scenario's lines in the bench report, and its goals. */
export function liveReport(run: LiveRun): { lines: string[]; goals: LiveGoal[] } {
  const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "-");
  const where = `${run.replicas} replica(s) on ${run.store === "postgres" ? "one PostgreSQL" : "PGlite"}`;
  return {
    lines: [
      `\n== Live: Qianyi push to subscribers, ${where} ==`,
      `${run.pushes} pushes, each to ${run.subscribers} subscribers (graphql-ws, spread over the replicas; the push accepted by one of them): ` +
        `p50 ${f(run.p50Ms)} ms, p99 ${f(run.p99Ms)} ms, max ${f(run.maxMs)} ms from the push accepted (its answer received) to the event received; ` +
        `from the push sent p50 ${f(run.fromSentP50Ms)} ms, p99 ${f(run.fromSentP99Ms)} ms (the push itself answered in ${f(run.acceptedP50Ms)} ms, p50); ${run.missed} deliveries missed.`,
      `${run.idle.subscriptions} idle subscriptions (one connection each) on one replica: RSS ${f(run.idle.rssBeforeMb)} MB before, ${f(run.idle.rssAfterMb)} MB after, ${f(run.idle.addedMb)} MB added.`,
    ],
    goals: [
      {
        goal: `live: push to ${run.subscribers} subscribers on ${run.replicas} replica(s), p99 <= 250 ms, none missed`,
        latencyMs: -1,
        measured: `p99 ${f(run.p99Ms)} ms, p50 ${f(run.p50Ms)} ms from accepted (from sent: p99 ${f(run.fromSentP99Ms)} ms), ${run.missed} missed`,
        pass: run.p99Ms <= 250 && run.missed === 0 && run.replicas >= 2,
      },
      {
        goal: `live: RSS added by ${run.idle.subscriptions} idle subscriptions <= 50 MB`,
        latencyMs: -1,
        measured: `${f(run.idle.addedMb)} MB`,
        pass: run.idle.addedMb <= 50,
      },
    ],
  };
}
