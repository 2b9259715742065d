import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { faultsOf } from "../helpers/faults.js";
import { CreateReturnOrderDocument } from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { UNLIMITED_RATES, VALID_INPUTS } from "../resilience/common.js";
import { MATRIX_SPECS } from "../resilience/fault-matrix.js";
import { openStore } from "../../src/store/index.js";

/**
 * The idempotency lease is taken once and never renewed, and nothing stops an attempt whose lease
 * ran out: a create that takes longer than the lease to reach the provider (in production: waiting
 * in the account's rate-limiter queue, which is not bounded by the lease) is still running when the
 * caller's retry finds the lease expired, "resumes", finds no order yet and creates again.
 */
type Answer = { data?: { returnOrderCreate: { __typename: string; returnOrder?: { providerOrderNo: string } } } };

describe("an attempt outliving its lease", () => {
  let app: TestApp;
  beforeAll(async () => {
    const store = await openStore({ idempotencyTtlMs: 24 * 3600_000, idempotencyLeaseMs: 1_000 });
    app = await startTestApp({ store, env: { ...UNLIMITED_RATES, PROVIDER_TIMEOUT_MS: "5000" } });
  });
  afterAll(() => app.close());

  for (const provider of ["WINIT", "QIANYI", "OMS"] as const) {
    it(`${provider}: one key never makes two orders, however slow the first attempt`, async () => {
      const spec = MATRIX_SPECS.find((s) => s.provider === provider)!;
      const emulator = spec.emulator(app);
      const faults = faultsOf(emulator.app);
      const key = `slow-${provider}-${Date.now()}`;
      const input = { ...VALID_INPUTS[provider], ...(VALID_INPUTS[provider].referenceNo ? { referenceNo: `SO-SLOW-${Date.now()}` } : {}) };
      const before = emulator.orderCount();
      faults.set("latency", { when: spec.operations.create, times: 1, latencyMs: 2500 });
      const first = app.gql(CreateReturnOrderDocument, { input, idempotencyKey: key }) as Promise<Answer>;
      await new Promise((r) => setTimeout(r, 1500));
      const retry = (await app.gql(CreateReturnOrderDocument, { input, idempotencyKey: key })) as Answer;
      const firstAnswer = await first;
      faults.clear();
      expect(emulator.orderCount() - before).toBe(1);
      const numbers = [firstAnswer, retry]
        .filter((a) => a.data?.returnOrderCreate.__typename === "ReturnOrderCreated")
        .map((a) => a.data!.returnOrderCreate.returnOrder!.providerOrderNo);
      expect(new Set(numbers).size).toBeLessThanOrEqual(1);
    });
  }
});
