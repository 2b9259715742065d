import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OmsEmulator } from "../../src/demo/oms/emulator.js";
import { OMS_PATHS } from "../../src/providers/oms/client.js";
import type { QianyiEmulator } from "../../src/demo/qianyi/emulator.js";
import { encodeOrderId } from "../../src/returns/ids.js";
import { ReturnOrdersDocument } from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

const BUDGET = 25;
const ENTITIES = "query($r: [_Any!]!) { _entities(representations: $r) { ... on ReturnOrder { id providerOrderNo } } }";

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

describe("one request's budget of provider calls", () => {
  let app: TestApp;
  let qianyi: QianyiEmulator;
  const logLines: Record<string, unknown>[] = [];
  beforeAll(async () => {
    app = await startTestApp({
      env: { MAX_PROVIDER_CALLS_PER_REQUEST: String(BUDGET) },
      logDestination: { write: (line) => void logLines.push(JSON.parse(line) as Record<string, unknown>) },
    });
    qianyi = app.emulators.QIANYI as QianyiEmulator;
  });
  afterAll(async () => {
    await app.close();
  });

  const post = async (query: string, variables?: Record<string, unknown>): Promise<Answer> => (await app.post({ query, variables })).json() as Promise<Answer>;

  it("makes at most the budget of calls for 300 unknown Qianyi ids; the rest answer null with a typed error", async () => {
    const listed = await app.gql(ReturnOrdersDocument, { filter: { providers: ["QIANYI"] }, first: 1 });
    const known = listed.data!.returnOrders.nodes[0]!;
    const representations = [
      { __typename: "ReturnOrder", id: known.id },
      ...Array.from({ length: 299 }, (_, i) => ({ __typename: "ReturnOrder", provider: "QIANYI", providerOrderNo: `UNKNOWN-${i}` })),
    ];
    const before = qianyi.calls.length;
    const started = performance.now();
    const answer = await post(ENTITIES, { r: representations });
    expect(qianyi.calls.length - before).toBe(BUDGET);
    // Refused, not queued: no call waits for the account's rate limit.
    expect(performance.now() - started).toBeLessThan(5_000);
    const entities = answer.data!["_entities"] as ({ providerOrderNo: string } | null)[];
    expect(entities).toHaveLength(300);
    expect(entities[0]?.providerOrderNo).toBe(known.providerOrderNo);
    expect(entities.slice(1).every((e) => e === null)).toBe(true);
    // Lookups that were made answer null (no such order); the others say why they were not.
    expect(answer.errors).toHaveLength(300 - BUDGET);
    for (const error of answer.errors!) {
      expect(error.extensions).toEqual({ code: "PROVIDER_UNAVAILABLE", reason: "UPSTREAM_BUDGET_EXCEEDED" });
      expect(error.message).toContain(`budget of ${BUDGET} provider calls`);
      expect(error.path?.[0]).toBe("_entities");
    }
    // The operation's log line says what the request spent and what its budget refused.
    expect(logLines.find((l) => l["msg"] === "graphql operation" && l["providerCallsRefused"] === 300 - BUDGET)).toMatchObject({ providerCalls: BUDGET });
  });

  it("gives every request a budget of its own, and a list page still works under it", async () => {
    // Qianyi has no batch read, so each unknown order costs a call (the OMS asks a hundred at once).
    const heavy = post(ENTITIES, {
      r: Array.from({ length: 200 }, (_, i) => ({ __typename: "ReturnOrder", provider: "QIANYI", providerOrderNo: `UNKNOWN-${i}` })),
    });
    const page = await app.gql(ReturnOrdersDocument, { first: 20 });
    expect(page.errors).toBeUndefined();
    expect(page.data!.returnOrders.providerErrors).toEqual([]);
    expect(page.data!.returnOrders.nodes.length).toBe(20);
    expect((await heavy).errors).toHaveLength(200 - BUDGET);
  });

  it("answers a list provider beyond the budget as a providerError", async () => {
    // Each aliased page asks every provider once; the aliases beyond the budget find none left.
    const aliases = Array.from(
      { length: 10 },
      (_, i) => `p${i}: returnOrders(first: 5, filter: { search: "S${i}" }) { nodes { id } providerErrors { provider code message } }`,
    ).join(" ");
    const answer = await post(`{ ${aliases} }`);
    expect(answer.errors).toBeUndefined();
    const failures = Object.values(answer.data!).flatMap((p) => (p as { providerErrors: { code: string; message: string }[] }).providerErrors);
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) {
      expect(failure.code).toBe("PROVIDER_UNAVAILABLE");
      expect(failure.message).toContain(`budget of ${BUDGET} provider calls`);
    }
  });

  it("never cuts a mutation off in the middle, and starts none once the budget is spent", async () => {
    const small = await startTestApp({ env: { MAX_PROVIDER_CALLS_PER_REQUEST: "1" } });
    try {
      const emulator = small.emulators.OMS as OmsEmulator;
      const before = emulator.calls.length;
      const id = encodeOrderId({ provider: "OMS", account: "default", providerOrderNo: "RO25102353783107" });
      const answer = (await (
        await small.post({
          query: `mutation($id: ID!) {
            first: returnOrderUpdate(id: $id, input: { remark: "first" }) { __typename }
            second: returnOrderUpdate(id: $id, input: { remark: "second" }) { __typename ... on ProviderUnavailable { code provider retryable message } }
          }`,
          variables: { id },
        })
      ).json()) as Answer;
      expect(answer.errors).toBeUndefined();
      // The first update read the order, sent the update and read it back on a budget of one.
      expect(answer.data!["first"]).toEqual({ __typename: "ReturnOrderUpdated" });
      expect(answer.data!["second"]).toMatchObject({ __typename: "ProviderUnavailable", code: "PROVIDER_UNAVAILABLE", provider: "OMS", retryable: true });
      expect(emulator.calls.filter((c) => c.path === OMS_PATHS.update)).toHaveLength(1);
      expect(emulator.calls.length - before).toBeGreaterThan(1);
    } finally {
      await small.close();
    }
  });
});
