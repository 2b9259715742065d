import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import type { QianyiEmulator } from "../../src/demo/qianyi/emulator.js";
import type { ReturnProvider } from "../../src/returns/model.js";
import {
  CancelReturnOrderDocument,
  CreateReturnOrderDocument,
  ReturnOrderDocument,
  ReturnOrdersDeepDocument,
  type ReturnOrderCreateInput,
} from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { openOutageStore, type OutageStore } from "../helpers/store-outage.js";
import { UNLIMITED_RATES, VALID_INPUTS, watchProcess } from "../resilience/common.js";

type Result = { __typename: string } & Record<string, unknown>;
const PROVIDERS: ReturnProvider[] = ["WINIT", "QIANYI", "OMS", "QIMEN"];
let n = 0;
const input = (provider: ReturnProvider): ReturnOrderCreateInput => ({
  ...VALID_INPUTS[provider],
  ...(VALID_INPUTS[provider].referenceNo ? { referenceNo: `OUT-${provider}-${++n}-${Date.now()}` } : {}),
});

describe("a store outage while the subgraph runs", () => {
  const unhandled = watchProcess();
  const lines: Record<string, unknown>[] = [];
  let outage: OutageStore;
  let app: TestApp;
  const ids = {} as Record<ReturnProvider, { id: string; providerOrderNo: string }>;

  const create = async (provider: ReturnProvider, idempotencyKey?: string) =>
    (await app.gql(CreateReturnOrderDocument, { input: input(provider), idempotencyKey })).data!.returnOrderCreate as Result;
  const read = (id: string) => app.post({ query: print(ReturnOrderDocument), variables: { id } });

  beforeAll(async () => {
    const logDestination = { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) };
    outage = await openOutageStore({ logger: createLogger("info", logDestination as never) });
    app = await startTestApp({ store: outage.store, logDestination, env: UNLIMITED_RATES });
    for (const provider of PROVIDERS) {
      const created = await create(provider);
      expect(created.__typename).toBe("ReturnOrderCreated");
      ids[provider] = created["returnOrder"] as { id: string; providerOrderNo: string };
    }
    await outage.down();
  });
  afterAll(async () => {
    await app?.close();
    await outage?.close();
    expect(unhandled).toEqual([]);
  });

  it("serves the providers that do not need the store, with empty events and a warning; Qimen is a providerError", async () => {
    const response = await app.post({ query: print(ReturnOrdersDeepDocument), variables: { first: 100 } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      data: { returnOrders: { nodes: { provider: string; events: unknown[] }[]; providerErrors: unknown[] } };
      errors?: unknown;
      extensions?: unknown;
    };
    expect(body.errors).toBeUndefined();
    const page = body.data.returnOrders;
    expect(new Set(page.nodes.map((o) => o.provider))).toEqual(new Set(["WINIT", "QIANYI", "OMS"]));
    expect(page.nodes.every((o) => o.events.length === 0)).toBe(true);
    expect(page.providerErrors).toEqual([{ provider: "QIMEN", account: "default", code: "PROVIDER_UNAVAILABLE", message: expect.stringContaining("store") }]);
    expect(body.extensions).toMatchObject({ warnings: [{ code: "EVENTS_UNAVAILABLE" }] });
  });

  it.each(["WINIT", "QIANYI", "OMS"] as const)("reads one %s order by id from its provider", async (provider) => {
    const response = await read(ids[provider].id);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { returnOrder: { providerOrderNo: string; events: unknown[] } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data.returnOrder).toMatchObject({ providerOrderNo: ids[provider].providerOrderNo, events: [] });
  });

  it("answers a Qimen read (the store is its record) 503, retryable, with no internal error", async () => {
    const response = await read(ids.QIMEN.id);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("1");
    const body = (await response.json()) as { data: { returnOrder: null }; errors: { message: string; extensions: unknown }[] };
    expect(body.data.returnOrder).toBeNull();
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: "The returns store is unavailable; retry shortly.",
        extensions: { code: "PROVIDER_UNAVAILABLE", reason: "STORE_UNAVAILABLE", retryable: true },
      }),
    ]);
  });

  it("answers the change feed 503, retryable, with no internal error", async () => {
    const response = await app.post({ query: "{ returnOrderEvents(first: 5) { nodes { id } } }" });
    expect(response.status).toBe(503);
    const body = (await response.json()) as { errors: { extensions: unknown }[] };
    expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: "PROVIDER_UNAVAILABLE", reason: "STORE_UNAVAILABLE", retryable: true } })]);
  });

  it.each(PROVIDERS)("answers a %s create ProviderUnavailable (retryable) and creates nothing, with or without a key", async (provider) => {
    const orders = () => (app.emulators[provider] as { orders: Map<string, unknown> }).orders.size;
    const before = orders();
    for (const key of [undefined, `outage-${provider}-${Date.now()}`]) {
      expect(await create(provider, key)).toMatchObject({ __typename: "ProviderUnavailable", code: "PROVIDER_UNAVAILABLE", provider, retryable: true });
    }
    expect(orders()).toBe(before);
  });

  it.each(PROVIDERS)("answers a %s cancel ProviderUnavailable (retryable) before asking the provider", async (provider) => {
    const result = (await app.gql(CancelReturnOrderDocument, { id: ids[provider].id, reason: "outage" })).data!.returnOrderCancel;
    expect(result).toMatchObject({ __typename: "ProviderUnavailable", code: "PROVIDER_UNAVAILABLE", provider, retryable: true });
  });

  it("answers pushes with the provider's failure and a 5xx, so it sends them again", async () => {
    const qimen = await app.qimen.confirm(ids.QIMEN.providerOrderNo, { lines: [{ itemCode: "I1234", actualQty: 1 }], outBizCode: "OUTAGE-CONFIRM-1" });
    expect(qimen.status).toBe(503);
    expect(qimen.body).toContain("<flag>failure</flag>");
    const qianyi = await (app.emulators.QIANYI as QianyiEmulator).pushStatus(ids.QIANYI.providerOrderNo, "WAIT_STORAGE");
    expect(qianyi).toMatchObject({ status: 503, body: { state: "failure" } });
  });

  it("is not ready while the store is down", async () => {
    const response = await fetch(`${app.url}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ ready: false, store: "down" });
  });

  it("recovers without a restart: everything works again, the retried pushes apply, and the log told it once", async () => {
    for (let i = 0; i < 20; i++) await read(ids.WINIT.id);
    await outage.up();
    // Connections the outage cut may fail once more, as an outage: the subgraph needs no restart.
    let ready = false;
    for (let i = 0; i < 20 && !ready; i++) {
      ready = (await fetch(`${app.url}/readyz`)).status === 200;
      if (!ready) await new Promise((r) => setTimeout(r, 50));
    }
    expect(ready).toBe(true);

    const qimen = await read(ids.QIMEN.id);
    expect(qimen.status).toBe(200);
    expect(((await qimen.json()) as { data: { returnOrder: { providerOrderNo: string } } }).data.returnOrder.providerOrderNo).toBe(ids.QIMEN.providerOrderNo);
    expect((await create("WINIT", `after-outage-${Date.now()}`)).__typename).toBe("ReturnOrderCreated");
    const confirm = await app.qimen.confirm(ids.QIMEN.providerOrderNo, { lines: [{ itemCode: "I1234", actualQty: 1 }], outBizCode: "OUTAGE-CONFIRM-1" });
    expect(confirm.body).toContain("<flag>success</flag>");
    expect((await (app.emulators.QIANYI as QianyiEmulator).pushStatus(ids.QIANYI.providerOrderNo, "WAIT_STORAGE")).status).toBe(200);
    const events = ((await (await read(ids.QIANYI.id)).json()) as { data: { returnOrder: { events: { source: string }[] } } }).data.returnOrder.events;
    expect(events.map((e) => e.source)).toContain("PROVIDER_PUSH");

    const down = lines.filter((l) => l["msg"] === "store unavailable: answering retryable errors until it is back");
    const upAgain = lines.filter((l) => l["msg"] === "store available again");
    expect(down).toHaveLength(1);
    expect(upAgain).toHaveLength(1);
    expect(upAgain[0]!["failedCalls"]).toBeGreaterThan(20);
    // Nothing else the outage caused is an error line, and no line carries a stack.
    expect(lines.filter((l) => (l["level"] as number) >= 50)).toEqual(down);
    expect(lines.filter((l) => JSON.stringify(l).includes('"stack"'))).toEqual([]);
  });
});

describe("a store outage between the provider's create and its record", () => {
  const unhandled = watchProcess();
  const lines: Record<string, unknown>[] = [];
  let outage: OutageStore;
  let app: TestApp;
  let dropStoreAfterCreate = false;

  beforeAll(async () => {
    const logDestination = { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) };
    // A short lease: the retry after the outage may look for the interrupted create at once.
    outage = await openOutageStore({ idempotencyLeaseMs: 200 });
    // The first store write after the provider's answer is the order's claim: the store goes
    // down right there, between the provider's success and the record of it.
    const claim = outage.store.idempotency.claim.bind(outage.store.idempotency);
    outage.store.idempotency.claim = async (...args) => {
      if (dropStoreAfterCreate) await outage.down();
      return claim(...args);
    };
    app = await startTestApp({ store: outage.store, logDestination, env: UNLIMITED_RATES });
  });
  afterAll(async () => {
    await app?.close();
    await outage?.close();
    expect(unhandled).toEqual([]);
  });

  const create = async (idempotencyKey?: string, referenceNo = `RACE-${++n}-${Date.now()}`) => {
    const result = await app.gql(CreateReturnOrderDocument, { input: { ...VALID_INPUTS.WINIT, referenceNo }, idempotencyKey });
    return result.data!.returnOrderCreate as Result;
  };

  it("answers an unkeyed create as created (the provider made it; a retry would duplicate it) and logs the order it could not record", async () => {
    const before = app.winit.orders.size;
    dropStoreAfterCreate = true;
    const result = await create();
    dropStoreAfterCreate = false;
    await outage.restore();
    expect(result.__typename).toBe("ReturnOrderCreated");
    expect(app.winit.orders.size - before).toBe(1);
    const providerOrderNo = (result["returnOrder"] as { providerOrderNo: string }).providerOrderNo;
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 40, msg: "mutation done at the provider but not recorded: the store is unavailable", providerOrderNo }),
    );
  });

  it("answers a keyed create ProviderUnavailable (retryable), and the retry finds the order instead of making another", async () => {
    const before = app.winit.orders.size;
    const key = `race-${Date.now()}`;
    const referenceNo = `RACE-KEYED-${Date.now()}`;
    dropStoreAfterCreate = true;
    const first = await create(key, referenceNo);
    dropStoreAfterCreate = false;
    expect(first).toMatchObject({ __typename: "ProviderUnavailable", code: "PROVIDER_UNAVAILABLE", provider: "WINIT", retryable: true });
    await outage.restore();
    await new Promise((r) => setTimeout(r, 250));
    const retry = await create(key, referenceNo);
    expect(retry.__typename).toBe("ReturnOrderCreated");
    expect(app.winit.orders.size - before).toBe(1);
  });
});
