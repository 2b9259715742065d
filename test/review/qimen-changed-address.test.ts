import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QimenAdapter } from "../../src/providers/qimen/adapter.js";
import { CreateReturnOrderDocument, ReturnOrderDocument } from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { VALID_INPUTS } from "../resilience/common.js";

// Qimen keeps one address field; the subgraph joins house number and both lines into it and shows
// the parts while the warehouse's address is still theirs. When the warehouse changes the address,
// the adapter shows it as the warehouse has it, but what was sent then filled the (now empty)
// house number and second line back in: the new street with the old flat and house number.
describe("a Qimen order whose address the warehouse changed", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it("reads the warehouse's address alone, none of the old parts", async () => {
    const input = {
      ...VALID_INPUTS.QIMEN,
      referenceNo: `Q-ADDR-${Date.now()}`,
      sender: { ...VALID_INPUTS.QIMEN.sender!, houseNo: "7", address1: "文一西路969号", address2: "3号楼 502" },
    };
    const { data } = await app.gql(CreateReturnOrderDocument, { input });
    const created = data!.returnOrderCreate;
    if (created.__typename !== "ReturnOrderCreated") throw new Error(JSON.stringify(created));
    const code = created.returnOrder.providerOrderNo;
    const stored = app.qimen.orders.get(code)!.document.returnOrder as unknown as { senderInfo: Record<string, unknown> };
    stored.senderInfo["detailAddress"] = "西湖区龙井路1号";
    const adapter = app.registry.get("QIMEN", "default") as QimenAdapter;
    const [order] = await adapter.getMany([{ providerOrderNo: code, createdAt: null }]);
    await adapter.refresh(order!);
    const read = (await app.gql(ReturnOrderDocument, { id: created.returnOrder.id })).data!.returnOrder!;
    expect(read.sender).toMatchObject({ address1: "西湖区龙井路1号", address2: null, houseNo: null });
  });
});
