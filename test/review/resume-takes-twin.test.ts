import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { faultsOf } from "../helpers/faults.js";
import { CreateReturnOrderDocument, type ReturnOrderCreateInput } from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { UNLIMITED_RATES, VALID_INPUTS } from "../resilience/common.js";
import { MATRIX_SPECS } from "../resilience/fault-matrix.js";

/**
 * Two returns of one sales order with the same goods but different parcels (tracking number,
 * sender). B's create reached the provider but its answer was lost (its order is unclaimed until B
 * retries); A's create was cut off before the provider acted. A's retry matches orders by
 * reference, warehouse and goods only, so it takes B's order — with B's parcel — as its own; B's
 * retry then finds its order taken and creates another. A's parcel is never announced to the
 * provider; A holds an order with somebody else's tracking number.
 */
type Created = { __typename: string; returnOrder?: { providerOrderNo: string; trackingNumber?: string | null; sender?: { name?: string | null } | null } };

const input = (provider: "WINIT" | "OMS", referenceNo: string, who: string): ReturnOrderCreateInput => ({
  ...VALID_INPUTS[provider],
  referenceNo,
  trackingNumber: `TRK-${who}-${Date.now()}`,
  sender: { ...VALID_INPUTS[provider].sender!, name: who },
});

describe("a resume beside an unclaimed twin that differs in its parcel", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { ...UNLIMITED_RATES } });
  });
  afterAll(() => app.close());

  for (const provider of ["WINIT", "OMS"] as const) {
    it(`${provider}: A's retry never takes B's order`, async () => {
      const spec = MATRIX_SPECS.find((s) => s.provider === provider)!;
      const faults = faultsOf(spec.emulator(app).app);
      const reference = `SO-TWIN-${provider}-${Date.now()}`;
      const a = input(provider, reference, "Alice");
      const b = input(provider, reference, "Bob");
      faults.set("reset", { when: spec.operations.create, times: 1 });
      await app.gql(CreateReturnOrderDocument, { input: a, idempotencyKey: `A-${reference}` });
      faults.set("reset-after", { when: spec.operations.create, times: 1 });
      await app.gql(CreateReturnOrderDocument, { input: b, idempotencyKey: `B-${reference}` });
      faults.clear();
      const retryA = (await app.gql(CreateReturnOrderDocument, { input: a, idempotencyKey: `A-${reference}` })).data!.returnOrderCreate as Created;
      const retryB = (await app.gql(CreateReturnOrderDocument, { input: b, idempotencyKey: `B-${reference}` })).data!.returnOrderCreate as Created;
      if (retryA.__typename === "ReturnOrderCreated") {
        expect(retryA.returnOrder!.trackingNumber).toBe(a.trackingNumber);
        expect(retryA.returnOrder!.sender?.name).toBe("Alice");
      } else {
        expect(retryA).toMatchObject({ __typename: "ProviderUnavailable", retryable: true });
      }
      expect(retryB.returnOrder?.trackingNumber).toBe(b.trackingNumber);
    });
  }
});
