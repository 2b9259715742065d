import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OmsEmulator } from "../../src/demo/oms/emulator.js";
import type { Store } from "../../src/store/index.js";
import { StoreUnavailableError } from "../../src/store/health.js";
import { CreateReturnOrderDocument, ReturnOrderDocument, UpdateReturnOrderDocument } from "../generated/graphql.js";
import { openTestStore, startTestApp, type TestApp } from "../helpers/app.js";

// An update reads what was sent before and records it with the change applied. When that read
// met a store that blinked (down for the read, back for the record), "nothing known" was taken
// for "nothing was sent": the create's sender was overwritten by the update's one field, and a
// field the provider later leaves out no longer showed.
describe("an update whose read of what was sent meets a store outage", () => {
  let store: Store;
  let app: TestApp;
  // Which store lookup from now on fails (the update's own read of the order takes the first).
  let blinkAt = 0;
  beforeAll(async () => {
    store = await openTestStore();
    const lookup = store.orders.lookup.bind(store.orders);
    store.orders.lookup = async (...args) => {
      if (blinkAt > 0 && --blinkAt === 0) {
        throw new StoreUnavailableError(new Error("connection reset"));
      }
      return lookup(...args);
    };
    app = await startTestApp({ store });
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it("either refuses the update or keeps the create's sender under it", async () => {
    const { data } = await app.gql(CreateReturnOrderDocument, {
      input: {
        provider: "OMS",
        warehouseCode: "USLAX01",
        referenceNo: `REF-BLINK-${Date.now()}`,
        sender: { name: "Ann Lee", city: "Los Angeles", address1: "1 Main St", postcode: "90001" },
        lines: [{ sku: "SKU-001", quantity: 2 }],
        oms: { returnType: "1", pickupType: "1" },
      },
    });
    const created = data!.returnOrderCreate;
    if (created.__typename !== "ReturnOrderCreated") throw new Error(JSON.stringify(created));
    blinkAt = 2;
    const updated = await app.gql(UpdateReturnOrderDocument, { id: created.returnOrder.id, input: { trackingNumber: "1Z-NEW" } });
    blinkAt = 0;
    if (updated.data?.returnOrderUpdate.__typename !== "ReturnOrderUpdated") {
      // Refused: nothing changed, nothing lost; and refused in a typed way.
      expect(JSON.stringify(updated)).not.toContain("INTERNAL_SERVER_ERROR");
      const wire = (app.emulators.OMS as OmsEmulator).orders.get(created.returnOrder.providerOrderNo) as unknown as Record<string, unknown>;
      expect(wire["trackingNo"]).not.toBe("1Z-NEW");
      return;
    }
    // The OMS stops reporting the postcode: what was sent at create must still show.
    const oms = app.emulators.OMS as OmsEmulator;
    delete (oms.orders.get(created.returnOrder.providerOrderNo) as unknown as Record<string, unknown>)["postcode"];
    const read = (await app.gql(ReturnOrderDocument, { id: created.returnOrder.id })).data!.returnOrder!;
    expect(read.sender).toMatchObject({ name: "Ann Lee", postcode: "90001" });
  });
});
