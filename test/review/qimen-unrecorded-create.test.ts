import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CancelReturnOrderDocument, CreateReturnOrderDocument } from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { openOutageStore, type OutageStore } from "../helpers/store-outage.js";
import { UNLIMITED_RATES, VALID_INPUTS } from "../resilience/common.js";

/**
 * Qimen's system of record is this store. An unkeyed Qimen create whose record fails (the store
 * goes away after the warehouse made the order) is answered "created", like the other providers';
 * but for Qimen the order then never exists here: its id reads null after the store is back, and
 * the warehouse's confirm for it is refused (ORDER_NOT_FOUND). The caller holds an id of a return
 * that is lost.
 */
describe("a Qimen create whose record the store outage ate", () => {
  let outage: OutageStore;
  let app: TestApp;
  let dropStoreAfterCreate = false;

  beforeAll(async () => {
    outage = await openOutageStore();
    const claim = outage.store.idempotency.claim.bind(outage.store.idempotency);
    outage.store.idempotency.claim = async (...args) => {
      if (dropStoreAfterCreate) await outage.down();
      return claim(...args);
    };
    app = await startTestApp({ store: outage.store, env: UNLIMITED_RATES });
  });
  afterAll(async () => {
    await app?.close();
    await outage?.close();
  });

  it("is either not answered as created, or can be read (and confirmed) once the store is back", async () => {
    dropStoreAfterCreate = true;
    const result = (await app.gql(CreateReturnOrderDocument, { input: { ...VALID_INPUTS.QIMEN, referenceNo: `Q-LOST-${Date.now()}` } })).data!
      .returnOrderCreate as {
      __typename: string;
      returnOrder?: { id: string; providerOrderNo: string };
    };
    dropStoreAfterCreate = false;
    await outage.restore();
    if (result.__typename !== "ReturnOrderCreated") {
      // Not retryable: a retry without a key would make a second order at the warehouse. The
      // message names the order the warehouse holds, so a person can recover it.
      expect(result).toMatchObject({
        __typename: "ProviderUnavailable",
        retryable: false,
        message: expect.stringMatching(/QR[0-9A-F]+ was created at the provider/),
      });
      return;
    }
    const read = await app.post({ query: "query($id: ID!) { returnOrder(id: $id) { id providerOrderNo } }", variables: { id: result.returnOrder!.id } });
    const body = (await read.json()) as { data?: { returnOrder: unknown } };
    expect(body.data?.returnOrder).toMatchObject({ providerOrderNo: result.returnOrder!.providerOrderNo });
    const confirm = await app.qimen.confirm(result.returnOrder!.providerOrderNo);
    expect(confirm.body).toContain("success");
  });

  it("does not answer a cancel it could not record in its only record as done", async () => {
    const created = (await app.gql(CreateReturnOrderDocument, { input: { ...VALID_INPUTS.QIMEN, referenceNo: `Q-CANCEL-${Date.now()}` } })).data!
      .returnOrderCreate as { __typename: string; returnOrder?: { id: string; providerOrderNo: string } };
    expect(created.__typename).toBe("ReturnOrderCreated");
    const record = outage.store.orders.record.bind(outage.store.orders);
    let drop = true;
    outage.store.orders.record = async (...args) => {
      if (drop && args[1] === "MUTATION") await outage.down();
      return record(...args);
    };
    try {
      const cancel = (await app.gql(CancelReturnOrderDocument, { id: created.returnOrder!.id })).data!.returnOrderCancel;
      expect(cancel).toMatchObject({
        __typename: "ProviderUnavailable",
        retryable: false,
        message: expect.stringMatching(/QR[0-9A-F]+ was cancelled at the provider/),
      });
    } finally {
      drop = false;
      outage.store.orders.record = record;
      await outage.restore();
    }
  });
});
