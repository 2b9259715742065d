import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { faultsOf } from "../helpers/faults.js";
import { CreateReturnOrderDocument } from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { UNLIMITED_RATES, VALID_INPUTS } from "../resilience/common.js";
import { MATRIX_SPECS } from "../resilience/fault-matrix.js";

/**
 * Two identical returns of one sales order (two keys), both made at the provider and both answers
 * lost. Each retry sees two unclaimed orders it could have made and answers "unavailable,
 * retryable" — and so does every later retry, until the records expire: `retryable: true` that no
 * retry can ever satisfy. Both orders exist; neither caller ever learns of one, and a caller that
 * gives up and creates again without the key makes a third.
 */
describe("two identical interrupted creates", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { ...UNLIMITED_RATES } });
  });
  afterAll(() => app.close());

  it("WINIT: their retries end, each with its own order", async () => {
    const spec = MATRIX_SPECS.find((s) => s.provider === "WINIT")!;
    const faults = faultsOf(spec.emulator(app).app);
    const reference = `SO-TWINS-${Date.now()}`;
    const input = { ...VALID_INPUTS.WINIT, referenceNo: reference };
    faults.set("reset-after", { when: spec.operations.create, times: 2 });
    await app.gql(CreateReturnOrderDocument, { input, idempotencyKey: `A-${reference}` });
    await app.gql(CreateReturnOrderDocument, { input, idempotencyKey: `B-${reference}` });
    faults.clear();
    const answers: Record<string, string | undefined> = {};
    for (let round = 0; round < 3; round++) {
      for (const who of ["A", "B"]) {
        const r = (await app.gql(CreateReturnOrderDocument, { input, idempotencyKey: `${who}-${reference}` })).data!.returnOrderCreate as {
          __typename: string;
          returnOrder?: { providerOrderNo: string };
        };
        if (r.__typename === "ReturnOrderCreated") answers[who] = r.returnOrder!.providerOrderNo;
      }
    }
    expect(answers["A"]).toBeDefined();
    expect(answers["B"]).toBeDefined();
    expect(answers["A"]).not.toBe(answers["B"]);
  });
});
