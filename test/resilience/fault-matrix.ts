import type { Express } from "express";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { faultsOf, type FaultMode, type FaultRequest } from "../helpers/faults.js";
import { OMS_PATHS } from "../../src/providers/oms/client.js";
import type { OmsEmulator } from "../../src/demo/oms/emulator.js";
import { QIANYI_SERVICES } from "../../src/providers/qianyi/client.js";
import type { QianyiEmulator } from "../../src/demo/qianyi/emulator.js";
import { QIMEN_METHODS } from "../../src/providers/qimen/client.js";
import { WINIT_ACTIONS } from "../../src/providers/winit/client.js";
import type { ReturnProvider } from "../../src/returns/model.js";
import { openStore, type Store } from "../../src/store/index.js";
import {
  CancelReturnOrderDocument,
  CreateReturnOrderDocument,
  ReturnOrderDocument,
  ReturnOrdersDocument,
  UpdateReturnOrderDocument,
  type ReturnOrderCreateInput,
} from "../generated/graphql.js";
import { freshPostgresUrl, startTestApp, TEST_DATABASE_URL, type TestApp } from "../helpers/app.js";
import { UNLIMITED_RATES, VALID_INPUTS, watchProcess } from "./common.js";

/** The faults every emulator can play, each hitting before the emulator's handler. */
export const FAULTS = ["latency", "5xx", "timeout", "reset", "malformed", "wrong-envelope", "rate-limit"] as const satisfies readonly FaultMode[];
/** The provider did the work and the answer was lost on the way back. */
export const LOST_ANSWERS = ["reset-after", "timeout-after"] as const satisfies readonly FaultMode[];

const TIMEOUT_MS = 300;
/** Well under the timeout: the answer is slow, not lost. */
const LATENCY_MS = 60;

type Matcher = (request: FaultRequest) => boolean;

export interface MatrixSpec {
  provider: ReturnProvider;
  /** The emulator's express app (its fault switch) and what the test counts on it. */
  emulator(app: TestApp): { app: Express; orderCount(): number };
  /** Reads served from the subgraph's own store (no provider call): faults must not touch them. */
  readsFromStore: boolean;
  /** Picks the provider call of one operation out of the emulator's traffic. */
  operations: { create: Matcher; cancel: Matcher; update?: Matcher };
  /** A valid create input; each call gives a distinct order. */
  input(): ReturnOrderCreateInput;
}

type Result = { __typename: string } & Record<string, unknown>;

/** No stack, no secret: every demo secret and signature is 32 hex characters. */
function expectNothingLeaked(payload: unknown) {
  const text = JSON.stringify(payload);
  expect(text).not.toMatch(/\b[0-9a-f]{32}\b/i);
  expect(text).not.toMatch(/stacktrace|\n\s+at |node_modules|\.ts:\d+/);
  expect(text).not.toContain("INTERNAL_SERVER_ERROR");
}

/**
 * Runs every fault against every operation of every provider through GraphQL, on one app (all four
 * providers on their emulators) whose provider calls time out after 300 ms and whose reads are
 * retried `readRetries` times.
 */
export function faultMatrix(specs: MatrixSpec[], readRetries: number) {
  describe(`provider faults through GraphQL (read retries: ${readRetries})`, () => {
    const unhandled = watchProcess();
    let app: TestApp;
    let store: Store;

    beforeAll(async () => {
      // A short lease: an attempt that died holding the key gives it up quickly.
      store = await openStore({
        databaseUrl: TEST_DATABASE_URL ? await freshPostgresUrl() : undefined,
        idempotencyTtlMs: 3600_000,
        idempotencyLeaseMs: 200,
      });
      app = await startTestApp({
        store,
        env: { ...UNLIMITED_RATES, PROVIDER_TIMEOUT_MS: String(TIMEOUT_MS), PROVIDER_READ_RETRIES: String(readRetries) },
        // The breaker is not under test here: every case must meet its own fault, not an open circuit.
        http: { breakerThreshold: 1_000_000 },
      });
    });
    afterAll(async () => {
      await app?.close();
      await store?.close();
      expect(unhandled).toEqual([]);
    });

    for (const spec of specs) providerCases(spec, () => ({ app, store }));
  });
}

function providerCases(spec: MatrixSpec, running: () => { app: TestApp; store: Store }) {
  const P = spec.provider;
  describe(P, () => {
    let app: TestApp;
    let store: Store;
    let emulatorApp: Express;
    let orderCount: () => number;
    let probeId: string;
    let keys = 0;

    const faults = () => faultsOf(emulatorApp);
    const setFault = (mode: FaultMode, when?: Matcher) => faults().set(mode, { when, latencyMs: mode === "latency" ? LATENCY_MS : undefined });

    const create = async (input: ReturnOrderCreateInput, idempotencyKey?: string) => {
      const response = await app.gql(CreateReturnOrderDocument, { input, idempotencyKey });
      expect(response.errors).toBeUndefined();
      return response.data!.returnOrderCreate as Result;
    };
    const created = async () => {
      const result = await create(spec.input());
      if (result.__typename !== "ReturnOrderCreated") throw new Error(`setup create failed: ${JSON.stringify(result)}`);
      return (result["returnOrder"] as { id: string }).id;
    };
    const expectUnavailable = (result: Result) => {
      expect(result).toMatchObject({ __typename: "ProviderUnavailable", code: "PROVIDER_UNAVAILABLE", provider: P, retryable: true });
      expectNothingLeaked(result);
    };

    beforeAll(async () => {
      ({ app, store } = running());
      const emulator = spec.emulator(app);
      emulatorApp = emulator.app;
      orderCount = emulator.orderCount;
      probeId = await created();
    });
    afterEach(() => {
      faults().clear();
      faults().hits = 0;
    });

    it.each(FAULTS)(`returnOrders: ${P} under "%s" degrades to providerErrors, the others are served`, async (fault) => {
      setFault(fault);
      const { data, errors } = await app.gql(ReturnOrdersDocument, { first: 100 });
      expect(errors).toBeUndefined();
      // The fault met the provider, unless the provider is never asked for reads.
      expect(faults().hits > 0).toBe(!spec.readsFromStore);
      const page = data!.returnOrders;
      const providers = new Set(page.nodes.map((n) => n.provider));
      expect([...providers].filter((p) => p !== P).length).toBeGreaterThan(0);
      if (fault === "latency" || spec.readsFromStore) {
        expect(page.providerErrors).toEqual([]);
        expect(providers).toContain(P);
      } else {
        expect(page.providerErrors).toEqual([{ provider: P, account: "default", code: "PROVIDER_UNAVAILABLE", message: expect.any(String) }]);
        expect(providers).not.toContain(P);
        expect(page.pageInfo.hasNextPage).toBe(true);
        expectNothingLeaked(page.providerErrors);
      }
    });

    it.each(FAULTS)(`returnOrder(id): ${P} under "%s" answers PROVIDER_UNAVAILABLE, never a crash`, async (fault) => {
      setFault(fault);
      const response = await app.gql(ReturnOrderDocument, { id: probeId });
      expect(faults().hits > 0).toBe(!spec.readsFromStore);
      if (fault === "latency" || spec.readsFromStore) {
        expect(response.errors).toBeUndefined();
        expect(response.data?.returnOrder?.id).toBe(probeId);
        return;
      }
      expect(response.data?.returnOrder ?? null).toBeNull();
      expect(response.errors).toHaveLength(1);
      expect(response.errors![0]!.extensions).toEqual({ code: "PROVIDER_UNAVAILABLE" });
      expect(response.errors![0]!.message).toContain(P);
      expectNothingLeaked(response.errors);
    });

    it.each([...FAULTS, ...LOST_ANSWERS])(
      `returnOrderCreate: ${P} under "%s" neither duplicates nor loses the order, and the key tells the truth`,
      async (fault) => {
        const key = `fault-${P}-${fault}-${++keys}-${Date.now()}`;
        const input = spec.input();
        const before = orderCount();
        setFault(fault, spec.operations.create);
        const first = await create(input, key);
        expect(faults().hits).toBeGreaterThan(0);
        faults().clear();
        const providerMadeIt = fault === "latency" || (LOST_ANSWERS as readonly string[]).includes(fault);
        expect(orderCount() - before).toBe(providerMadeIt ? 1 : 0);
        let order: { id: string; providerOrderNo: string };
        if (fault === "latency") {
          expect(first.__typename).toBe("ReturnOrderCreated");
          order = first["returnOrder"] as typeof order;
        } else {
          expectUnavailable(first);
          // Unknown outcome: the record stays open (not completed, not dropped) for the retry to look first.
          expect((await store.idempotency.state(`trusted:${key}`))?.state).toBe("pending");
          const retry = await create(input, key);
          expect(retry.__typename).toBe("ReturnOrderCreated");
          order = retry["returnOrder"] as typeof order;
        }
        expect(orderCount() - before).toBe(1);
        const record = await store.idempotency.state(`trusted:${key}`);
        expect(record?.state).toBe("completed");
        expect((record?.result as { order: { providerOrderNo: string } }).order.providerOrderNo).toBe(order.providerOrderNo);
        // Asking again replays the same order and creates nothing.
        const replay = await create(input, key);
        expect((replay["returnOrder"] as typeof order).providerOrderNo).toBe(order.providerOrderNo);
        expect(orderCount() - before).toBe(1);
        const read = await app.gql(ReturnOrderDocument, { id: order.id });
        expect(read.data?.returnOrder?.providerOrderNo).toBe(order.providerOrderNo);
      },
    );

    it.each(FAULTS)(`returnOrderCancel: ${P} under "%s" answers ProviderUnavailable (retryable), and a retry cancels`, async (fault) => {
      const id = await created();
      setFault(fault, spec.operations.cancel);
      const first = (await app.gql(CancelReturnOrderDocument, { id, reason: "fault matrix" })).data!.returnOrderCancel as Result;
      expect(faults().hits).toBeGreaterThan(0);
      faults().clear();
      if (fault === "latency") {
        expect(first.__typename).toBe("ReturnOrderCancelled");
        return;
      }
      expectUnavailable(first);
      const retry = await app.gql(CancelReturnOrderDocument, { id, reason: "fault matrix" });
      expect(retry.data!.returnOrderCancel).toMatchObject({ __typename: "ReturnOrderCancelled", returnOrder: { status: "CANCELLED" } });
    });

    it.each(LOST_ANSWERS)(`returnOrderCancel: ${P} under "%s" (cancelled, answer lost) is retryable, and the retry tells the truth`, async (fault) => {
      const id = await created();
      setFault(fault, spec.operations.cancel);
      const first = (await app.gql(CancelReturnOrderDocument, { id, reason: "fault matrix" })).data!.returnOrderCancel as Result;
      faults().clear();
      expectUnavailable(first);
      // Cancelling twice is not an error the caller caused: either the cancel again, or the state that shows it done.
      const retry = (await app.gql(CancelReturnOrderDocument, { id, reason: "fault matrix" })).data!.returnOrderCancel as Result;
      expect(["ReturnOrderCancelled", "InvalidState"]).toContain(retry.__typename);
      expect((await app.gql(ReturnOrderDocument, { id })).data?.returnOrder?.status).toBe("CANCELLED");
    });

    const update = spec.operations.update;
    if (update) {
      it.each(FAULTS)(`returnOrderUpdate: ${P} under "%s" answers ProviderUnavailable (retryable), and a retry updates`, async (fault) => {
        const id = await created();
        setFault(fault, update);
        const remark = `changed under ${fault}`;
        const first = (await app.gql(UpdateReturnOrderDocument, { id, input: { remark } })).data!.returnOrderUpdate as Result;
        expect(faults().hits).toBeGreaterThan(0);
        faults().clear();
        if (fault !== "latency") {
          expectUnavailable(first);
          expect((await app.gql(ReturnOrderDocument, { id })).data?.returnOrder?.remark).not.toBe(remark);
          const retry = (await app.gql(UpdateReturnOrderDocument, { id, input: { remark } })).data!.returnOrderUpdate as Result;
          expect(retry.__typename).toBe("ReturnOrderUpdated");
        } else {
          expect(first.__typename).toBe("ReturnOrderUpdated");
        }
        expect((await app.gql(ReturnOrderDocument, { id })).data?.returnOrder?.remark).toBe(remark);
      });
    }
  });
}

/** The provider operation a request is, by its URL's `method` parameter (Qimen). */
export const byQueryMethod = (method: string): Matcher => (r) => new URL(r.url, "http://x").searchParams.get("method") === method;
/** … by its path (OMS). */
export const byPath = (path: string): Matcher => (r) => new URL(r.url, "http://x").pathname === path;
/** … by a name in its body (WINIT's action, Qianyi's serviceType). */
export const byBody = (name: string): Matcher => (r) => r.body.includes(name);

let n = 0;
/** A valid create of the provider, with a reference of its own where it takes one. */
const fresh = (provider: ReturnProvider): ReturnOrderCreateInput => ({
  ...VALID_INPUTS[provider],
  ...(VALID_INPUTS[provider].referenceNo ? { referenceNo: `FM-${provider}-${++n}-${Date.now()}` } : {}),
});

/** The four providers: what each one's operations look like on the wire. */
export const MATRIX_SPECS: MatrixSpec[] = [
  {
    provider: "WINIT",
    emulator: (app) => ({ app: app.winit.app, orderCount: () => app.winit.orders.size }),
    readsFromStore: false,
    operations: { create: byBody(WINIT_ACTIONS.create), cancel: byBody(WINIT_ACTIONS.void) },
    input: () => fresh("WINIT"),
  },
  {
    provider: "QIANYI",
    emulator: (app) => {
      const qianyi = app.emulators.QIANYI as QianyiEmulator;
      return { app: qianyi.app, orderCount: () => qianyi.orders.size };
    },
    readsFromStore: false,
    operations: { create: byBody(QIANYI_SERVICES.create), cancel: byBody(QIANYI_SERVICES.close) },
    // No seller reference: the idempotency key is what finds an interrupted create again.
    input: () => fresh("QIANYI"),
  },
  {
    provider: "OMS",
    emulator: (app) => {
      const oms = app.emulators.OMS as OmsEmulator;
      return { app: oms.app, orderCount: () => oms.orders.size };
    },
    readsFromStore: false,
    operations: { create: byPath(OMS_PATHS.create), cancel: byPath(OMS_PATHS.cancel), update: byPath(OMS_PATHS.update) },
    input: () => fresh("OMS"),
  },
  {
    provider: "QIMEN",
    emulator: (app) => ({ app: app.qimen.app, orderCount: () => app.qimen.orders.size }),
    // Qimen has no list API: its orders are served from the subgraph's store.
    readsFromStore: true,
    operations: { create: byQueryMethod(QIMEN_METHODS.create), cancel: byQueryMethod(QIMEN_METHODS.cancel) },
    input: () => fresh("QIMEN"),
  },
];
