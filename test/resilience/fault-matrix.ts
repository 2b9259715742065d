import type { Express } from "express";
import { print } from "graphql";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { faultsOf, type FaultMode, type FaultRequest } from "../helpers/faults.js";
import { OMS_PATHS } from "../../src/providers/oms/client.js";
import type { OmsEmulator } from "../../src/demo/oms/emulator.js";
import { QIANYI_SERVICES } from "../../src/providers/qianyi/client.js";
import type { QianyiEmulator } from "../../src/demo/qianyi/emulator.js";
import { QIMEN_METHODS } from "../../src/providers/qimen/client.js";
import { WINIT_ACTIONS } from "../../src/providers/winit/client.js";
import type { ReturnProvider } from "../../src/returns/model.js";
import type { Store } from "../../src/store/index.js";
import {
  CancelReturnOrderDocument,
  CreateReturnOrderDocument,
  ReturnOrderDocument,
  ReturnOrdersDocument,
  UpdateReturnOrderDocument,
  type ReturnOrderCreateInput,
} from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { openOutageStore, type OutageStore } from "../helpers/store-outage.js";
import { UNLIMITED_RATES, VALID_INPUTS, watchProcess } from "./common.js";

/** The faults every emulator can play, each hitting before the emulator's handler. */
export const FAULTS = ["latency", "5xx", "timeout", "reset", "malformed", "wrong-envelope", "rate-limit", "oversized"] as const satisfies readonly FaultMode[];
/** The provider did the work and the answer was lost on the way back. */
export const LOST_ANSWERS = ["reset-after", "timeout-after"] as const satisfies readonly FaultMode[];
/** The subgraph's own store is unreachable (not a provider fault: the emulators answer). */
export const STORE_OUTAGE = "store-outage";

const TIMEOUT_MS = 300;
/** Far below the default, so an oversized answer is cut long before the emulator could finish it. */
const MAX_RESPONSE_BYTES = 256 * 1024;
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
    let outage: OutageStore;

    beforeAll(async () => {
      // A short lease: an attempt that died holding the key gives it up quickly.
      outage = await openOutageStore({ idempotencyTtlMs: 3600_000, idempotencyLeaseMs: 200 });
      app = await startTestApp({
        store: outage.store,
        env: {
          ...UNLIMITED_RATES,
          PROVIDER_TIMEOUT_MS: String(TIMEOUT_MS),
          PROVIDER_MAX_RESPONSE_BYTES: String(MAX_RESPONSE_BYTES),
          PROVIDER_READ_RETRIES: String(readRetries),
        },
        // The breaker is not under test here: every case must meet its own fault, not an open circuit.
        http: { breakerThreshold: 1_000_000 },
      });
    });
    afterAll(async () => {
      await app?.close();
      await outage?.close();
      expect(unhandled).toEqual([]);
    });

    for (const spec of specs) providerCases(spec, () => ({ app, outage }));
  });
}

function providerCases(spec: MatrixSpec, running: () => { app: TestApp; outage: OutageStore }) {
  const P = spec.provider;
  describe(P, () => {
    let app: TestApp;
    let store: Store;
    let outage: OutageStore;
    let emulatorApp: Express;
    let orderCount: () => number;
    let probeId: string;
    let keys = 0;

    const faults = () => faultsOf(emulatorApp);
    const setFault = (mode: FaultMode, when?: Matcher) => faults().set(mode, { when, latencyMs: mode === "latency" ? LATENCY_MS : undefined });
    /** An oversized answer was cut off: the emulator could send only what the socket buffers took beyond the limit. */
    const expectCutOff = (mode: FaultMode) => {
      if (mode === "oversized") expect(faults().oversizedWritten).toBeLessThan(faults().oversizedBytes / 4);
    };

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
      ({ app, outage } = running());
      store = outage.store;
      const emulator = spec.emulator(app);
      emulatorApp = emulator.app;
      orderCount = emulator.orderCount;
      probeId = await created();
    });
    afterEach(async () => {
      faults().clear();
      faults().hits = 0;
      await outage.restore();
    });

    it.each(FAULTS)(`returnOrders: ${P} under "%s" degrades to providerErrors, the others are served`, async (fault) => {
      setFault(fault);
      const { data, errors } = await app.gql(ReturnOrdersDocument, { first: 100 });
      expect(errors).toBeUndefined();
      // The fault met the provider, unless the provider is never asked for reads.
      expect(faults().hits > 0).toBe(!spec.readsFromStore);
      expectCutOff(fault);
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
      expectCutOff(fault);
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
        expectCutOff(fault);
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
      expectCutOff(fault);
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
        expectCutOff(fault);
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

    // The store is down; the provider is not. A provider whose reads need the store answers
    // "unavailable, retry"; every other read is served; no mutation starts that could not be recorded.
    const S = STORE_OUTAGE;
    /** Counts the provider calls an operation makes without slowing them (a zero-latency fault). */
    const countCalls = (when: Matcher) => faults().set("latency", { when, latencyMs: 0 });

    it(`returnOrders: under "${S}" ${spec.readsFromStore ? `${P} degrades to providerErrors` : `${P} is served`}, never a crash`, async () => {
      await outage.down();
      const { data, errors } = await app.gql(ReturnOrdersDocument, { first: 100 });
      expect(errors).toBeUndefined();
      const page = data!.returnOrders;
      const providers = new Set(page.nodes.map((o) => o.provider));
      if (spec.readsFromStore) {
        expect(providers).not.toContain(P);
        expect(page.providerErrors).toContainEqual({ provider: P, account: "default", code: "PROVIDER_UNAVAILABLE", message: expect.any(String) });
        expectNothingLeaked(page.providerErrors);
      } else {
        expect(providers).toContain(P);
        expect(page.providerErrors.filter((e) => e.provider === P)).toEqual([]);
      }
    });

    it(`returnOrder(id): under "${S}" ${spec.readsFromStore ? "answers PROVIDER_UNAVAILABLE (retryable) with 503" : "is served from the provider, events empty"}`, async () => {
      await outage.down();
      const response = await app.post({ query: print(ReturnOrderDocument), variables: { id: probeId } });
      const body = (await response.json()) as {
        data?: { returnOrder: { id: string; events: unknown[] } | null };
        errors?: { message: string; extensions?: unknown }[];
      };
      if (spec.readsFromStore) {
        expect(response.status).toBe(503);
        expect(body.data?.returnOrder ?? null).toBeNull();
        expect(body.errors).toHaveLength(1);
        expect(body.errors![0]!.extensions).toEqual({ code: "PROVIDER_UNAVAILABLE", reason: "STORE_UNAVAILABLE", retryable: true });
        expectNothingLeaked(body.errors);
        return;
      }
      expect(response.status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data?.returnOrder).toMatchObject({ id: probeId, events: [] });
    });

    it(`returnOrderCreate: under "${S}" answers ProviderUnavailable (retryable) without calling ${P}, and the retry creates exactly one`, async () => {
      const key = `fault-${P}-${S}-${++keys}-${Date.now()}`;
      const input = spec.input();
      const before = orderCount();
      countCalls(spec.operations.create);
      await outage.down();
      for (const idempotencyKey of [key, undefined]) expectUnavailable(await create(input, idempotencyKey));
      expect(faults().hits).toBe(0);
      expect(orderCount()).toBe(before);
      await outage.restore();
      const retry = await create(input, key);
      expect(retry.__typename).toBe("ReturnOrderCreated");
      expect((await create(input, key))["returnOrder"]).toEqual(retry["returnOrder"]);
      expect(orderCount() - before).toBe(1);
    });

    it(`returnOrderCancel: under "${S}" answers ProviderUnavailable (retryable) without calling ${P}, and a retry cancels`, async () => {
      const id = await created();
      countCalls(spec.operations.cancel);
      await outage.down();
      expectUnavailable((await app.gql(CancelReturnOrderDocument, { id, reason: "store outage" })).data!.returnOrderCancel as Result);
      expect(faults().hits).toBe(0);
      await outage.restore();
      const retry = await app.gql(CancelReturnOrderDocument, { id, reason: "store outage" });
      expect(retry.data!.returnOrderCancel).toMatchObject({ __typename: "ReturnOrderCancelled", returnOrder: { status: "CANCELLED" } });
    });

    if (update) {
      it(`returnOrderUpdate: under "${S}" answers ProviderUnavailable (retryable) without calling ${P}, and a retry updates`, async () => {
        const id = await created();
        countCalls(update);
        await outage.down();
        const remark = "changed after a store outage";
        expectUnavailable((await app.gql(UpdateReturnOrderDocument, { id, input: { remark } })).data!.returnOrderUpdate as Result);
        expect(faults().hits).toBe(0);
        await outage.restore();
        expect((await app.gql(UpdateReturnOrderDocument, { id, input: { remark } })).data!.returnOrderUpdate).toMatchObject({
          __typename: "ReturnOrderUpdated",
          returnOrder: { remark },
        });
      });
    }
  });
}

/** The provider operation a request is, by its URL's `method` parameter (Qimen). */
export const byQueryMethod =
  (method: string): Matcher =>
  (r) =>
    new URL(r.url, "http://x").searchParams.get("method") === method;
/** … by its path (OMS). */
export const byPath =
  (path: string): Matcher =>
  (r) =>
    new URL(r.url, "http://x").pathname === path;
/** … by a name in its body (WINIT's action, Qianyi's serviceType). */
export const byBody =
  (name: string): Matcher =>
  (r) =>
    r.body.includes(name);

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
