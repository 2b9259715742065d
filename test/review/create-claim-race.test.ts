import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { faultsOf, type FaultRequest } from "../helpers/faults.js";
import { CreateReturnOrderDocument, type ReturnOrderCreateInput } from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { UNLIMITED_RATES, VALID_INPUTS } from "../resilience/common.js";
import { byBody, byPath, MATRIX_SPECS } from "../resilience/fault-matrix.js";
import { OMS_PATHS } from "../../src/providers/oms/client.js";
import { WINIT_ACTIONS } from "../../src/providers/winit/client.js";

/**
 * A resume that runs while another create of the same content is between "the provider made it"
 * and "claimed": the resume finds that order unclaimed, claims it, and answers it as its own;
 * the other create's claim then fails, is ignored, and it answers the same order. Two returns,
 * one order at the provider, two callers holding it.
 */
const CASES = [
  // B's read-back asks for its new order by number; A's look-up asks by reference: only B's waits.
  { provider: "WINIT" as const, readBack: (r: FaultRequest) => byBody(WINIT_ACTIONS.list)(r) && r.body.includes('"returnGoodsOrderNo"') },
  { provider: "OMS" as const, readBack: (r: FaultRequest) => byPath(OMS_PATHS.list)(r) && r.body.includes('"orderNo"') },
];

const input = (provider: "WINIT" | "OMS", referenceNo: string): ReturnOrderCreateInput => ({ ...VALID_INPUTS[provider], referenceNo });

type Answer = { data?: { returnOrderCreate: { __typename: string; returnOrder?: { providerOrderNo: string } } } };

describe("a resume racing another create of the same content", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { ...UNLIMITED_RATES } });
  });
  afterAll(() => app.close());

  for (const c of CASES) {
    for (const otherKeyed of [false, true]) {
      it(`${c.provider}: never answers two creates (${otherKeyed ? "both keyed" : "the other without a key"}) with one order`, async () => {
        const spec = MATRIX_SPECS.find((s) => s.provider === c.provider)!;
        const emulator = spec.emulator(app);
        const faults = faultsOf(emulator.app);
        const reference = `SO-RACE-${c.provider}-${otherKeyed ? "K" : "U"}-${Date.now()}`;
        // A's first attempt is cut off before the provider acts.
        faults.set("reset", { when: spec.operations.create, times: 1 });
        const cut = await app.gql(CreateReturnOrderDocument, { input: input(c.provider, reference), idempotencyKey: `A-${reference}` });
        expect(cut.data?.returnOrderCreate).toMatchObject({ __typename: "ProviderUnavailable" });
        const before = emulator.orderCount();
        // B (a second return of the same sales order) is made at the provider; its read-back is slow.
        faults.set("latency", { when: c.readBack, times: 1, latencyMs: 1500 });
        const b = app.gql(CreateReturnOrderDocument, {
          input: input(c.provider, reference),
          ...(otherKeyed ? { idempotencyKey: `B-${reference}` } : {}),
        }) as Promise<Answer>;
        while (emulator.orderCount() === before) await new Promise((r) => setTimeout(r, 10));
        // A's retry meanwhile.
        const a = (await app.gql(CreateReturnOrderDocument, { input: input(c.provider, reference), idempotencyKey: `A-${reference}` })) as Answer;
        const bAnswer = await b;
        faults.clear();
        const aNo = a.data?.returnOrderCreate.returnOrder?.providerOrderNo;
        const bNo = bAnswer.data?.returnOrderCreate.returnOrder?.providerOrderNo;
        expect(bAnswer.data?.returnOrderCreate.__typename).toBe("ReturnOrderCreated");
        // A may be told to retry (it cannot be sure), but never handed B's order.
        if (a.data?.returnOrderCreate.__typename === "ReturnOrderCreated") {
          expect(aNo).not.toBe(bNo);
          expect(emulator.orderCount() - before).toBe(2);
        } else {
          expect(a.data?.returnOrderCreate).toMatchObject({ __typename: "ProviderUnavailable", retryable: true });
        }
      });
    }
  }
});
