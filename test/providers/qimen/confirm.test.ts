import { describe, expect, it } from "vitest";
import { applyConfirm, parseConfirm, QimenConfirmError, type QimenConfirm } from "../../../src/providers/qimen/confirm.js";
import type { QimenReturnDetails } from "../../../src/providers/qimen/graphql.js";
import { buildQimenXml, parseQimenXml } from "../../../src/providers/qimen/xml.js";
import { at, seedOrder } from "./seed-order.js";

describe("Qimen confirms (taobao.qimen.returnorder.confirm)", () => {
  const confirm = (outBizCode: string, lines: QimenConfirm["lines"], status: string | null = null, confirmType: string | null = null): QimenConfirm => ({
    returnOrderCode: "R1234",
    returnOrderId: "RID1234",
    outBizCode,
    confirmTime: "2024-03-02 10:00:00",
    status,
    confirmType,
    lines,
  });
  const line = (itemCode: string, actualQty: number, inventoryType: string | null = "ZP", orderLineNo: string | null = null) => ({
    orderLineNo,
    itemCode,
    inventoryType,
    actualQty,
    batchCode: null,
  });

  it("adds partial receipts up, and a confirm already applied changes nothing", () => {
    const first = applyConfirm(seedOrder(), confirm("C1", [line("I1234", 5)]), at);
    expect(first).toMatchObject({ status: "RECEIVED", providerStatus: "PARTFULFILLED", receivedQuantity: 5, completedAt: null });
    expect(first.updatedAt?.toISOString()).toBe("2024-03-02T02:00:00.000Z");
    expect(applyConfirm(first, confirm("C1", [line("I1234", 5)]), at)).toBe(first);
    const second = applyConfirm(first, confirm("C2", [line("I1234", 7)]), at);
    expect(second).toMatchObject({ status: "COMPLETED", providerStatus: "FULFILLED", receivedQuantity: 12 });
    expect(second.completedAt?.toISOString()).toBe("2024-03-02T02:00:00.000Z");
    expect(second.lines[0]).toMatchObject({ quantity: 12, receivedQuantity: 12, goodQuantity: 12, defectiveQuantity: 0 });
    expect(
      (second.details as unknown as { confirmations: { outBizCode: string; quantity: number }[] }).confirmations.map((c) => [c.outBizCode, c.quantity]),
    ).toEqual([
      ["C1", 5],
      ["C2", 7],
    ]);
  });

  it("keeps goods graded otherwise, or not planned, as lines of their own", () => {
    const order = applyConfirm(seedOrder(), confirm("C1", [line("I1234", 10), line("I1234", 2, "CC"), line("EXTRA", 1)]), at);
    expect(order.lines).toEqual([
      { sku: "I1234", quantity: 12, receivedQuantity: 12, goodQuantity: 10, defectiveQuantity: 2, productName: null, remark: "备注" },
      { sku: "EXTRA", quantity: 0, receivedQuantity: 1, goodQuantity: 1, defectiveQuantity: 0, productName: null, remark: null },
    ]);
    expect(order.providerStatus).toBe("FULFILLED");
  });

  it("grades each confirm of one line on its own: 5 ZP, then 7 CC of line D1234 are 5 good and 7 defective", () => {
    const first = applyConfirm(seedOrder(), confirm("C1", [line("I1234", 5, "ZP", "D1234")]), at);
    const second = applyConfirm(first, confirm("C2", [line("I1234", 7, "CC", "D1234")]), at);
    expect(second.lines).toEqual([
      { sku: "I1234", quantity: 12, receivedQuantity: 12, goodQuantity: 5, defectiveQuantity: 7, productName: null, remark: "备注" },
    ]);
    const third = applyConfirm(second, confirm("C3", [line("I1234", 1, "CC", "D1234")]), at);
    expect(third.lines[0]).toMatchObject({ receivedQuantity: 13, goodQuantity: 5, defectiveQuantity: 8 });
    const details = third.details as unknown as QimenReturnDetails;
    expect(details.orderLines.map((l) => [l.orderLineNo, l.inventoryType, l.planQty, l.actualQty])).toEqual([
      ["D1234", "ZP", 12, 5],
      ["D1234", "CC", 0, 8],
    ]);
  });

  it("takes the warehouse's own status when it sends one, and keeps an unknown one visible", () => {
    expect(applyConfirm(seedOrder(), confirm("C1", [line("I1234", 1)], "FULFILLED"), at)).toMatchObject({ status: "COMPLETED", providerStatus: "FULFILLED" });
    expect(applyConfirm(seedOrder(), confirm("C1", [line("I1234", 1)], "WHATEVER"), at)).toMatchObject({
      status: "UNKNOWN",
      providerStatus: "WHATEVER",
      completedAt: null,
    });
    expect(applyConfirm(seedOrder(), confirm("C1", [line("I1234", 0)], "CANCELEDFAIL"), at)).toMatchObject({ status: "OPEN", providerStatus: "CANCELEDFAIL" });
  });

  it("reads confirmType: 0 is the last confirm (received, even short), 1 one of several", () => {
    expect(applyConfirm(seedOrder(), confirm("C1", [line("I1234", 10)], null, "0"), at)).toMatchObject({
      status: "COMPLETED",
      providerStatus: "FULFILLED",
      receivedQuantity: 10,
    });
    expect(applyConfirm(seedOrder(), confirm("C1", [line("I1234", 12)], null, "1"), at)).toMatchObject({ status: "RECEIVED", providerStatus: "PARTFULFILLED" });
    expect(applyConfirm(seedOrder(), confirm("C1", [line("I1234", 12)], null, "7"), at)).toMatchObject({ providerStatus: "FULFILLED" });
  });

  it("parses a confirm document and refuses incomplete ones", () => {
    const xml = buildQimenXml("request", {
      returnOrder: { returnOrderCode: "R1234", returnOrderId: "RID1234", outBizCode: "C1", orderConfirmTime: "2024-03-02 10:00:00" },
      orderLines: { orderLine: [{ orderLineNo: "D1234", itemCode: "I1234", inventoryType: "CC", actualQty: 3, batchCode: "B" }] },
    });
    expect(parseConfirm(parseQimenXml(xml))).toEqual({
      returnOrderCode: "R1234",
      returnOrderId: "RID1234",
      outBizCode: "C1",
      confirmTime: "2024-03-02 10:00:00",
      status: null,
      confirmType: null,
      lines: [{ orderLineNo: "D1234", itemCode: "I1234", inventoryType: "CC", actualQty: 3, batchCode: "B" }],
    });
    for (const bad of [
      "<response/>",
      "<request><orderLines/></request>",
      "<request><returnOrder><outBizCode>C</outBizCode></returnOrder></request>",
      "<request><returnOrder><returnOrderCode>R</returnOrderCode></returnOrder></request>",
      "<request><returnOrder><returnOrderCode>R</returnOrderCode><outBizCode>C</outBizCode></returnOrder></request>",
      "<request><returnOrder><returnOrderCode>R</returnOrderCode><outBizCode>C</outBizCode></returnOrder><orderLines><orderLine><itemCode>I</itemCode><actualQty>1.5</actualQty></orderLine></orderLines></request>",
      "<request><returnOrder><returnOrderCode>R</returnOrderCode><outBizCode>C</outBizCode></returnOrder><orderLines><orderLine><actualQty>1</actualQty></orderLine></orderLines></request>",
    ]) {
      expect(() => parseConfirm(parseQimenXml(bad))).toThrow(QimenConfirmError);
    }
  });

  // docs/providers/qimen.md, vector 3: a confirm whose one line is split into graded batches.
  const vector3 =
    "<request><returnOrder><returnOrderCode>R1234</returnOrderCode><warehouseCode>W1234</warehouseCode><outBizCode>CF0001</outBizCode><orderType>THRK</orderType><logisticsCode>SF</logisticsCode></returnOrder><orderLines><orderLine><ownerCode>HZ1234</ownerCode><itemCode>I1234</itemCode><planQty>12</planQty><actualQty>3</actualQty><batchs><batch><inventoryType>ZP</inventoryType><actualQty>2</actualQty></batch><batch><inventoryType>CC</inventoryType><actualQty>1</actualQty></batch></batchs></orderLine></orderLines></request>";

  it("grades a line by its batches (vector 3: 2 good, 1 defective)", () => {
    const parsed = parseConfirm(parseQimenXml(vector3));
    expect(parsed.lines).toEqual([
      { orderLineNo: null, itemCode: "I1234", inventoryType: "ZP", actualQty: 2, batchCode: null },
      { orderLineNo: null, itemCode: "I1234", inventoryType: "CC", actualQty: 1, batchCode: null },
    ]);
    const order = applyConfirm(seedOrder(), parsed, at);
    expect(order.lines[0]).toMatchObject({ receivedQuantity: 3, goodQuantity: 2, defectiveQuantity: 1 });
  });

  it("reads an empty <batchs/> (as yellbuy writes it) as no batches, a batch without a grade as ZP, and the entry-order sibling's <status>", () => {
    const xml = (batchs: string, extra = "") =>
      `<request><returnOrder><returnOrderCode>R1234</returnOrderCode><outBizCode>C9</outBizCode>${extra}</returnOrder><orderLines><orderLine><itemCode>I1234</itemCode><inventoryType>CC</inventoryType><batchCode>L1</batchCode><actualQty>4</actualQty>${batchs}</orderLine></orderLines></request>`;
    expect(parseConfirm(parseQimenXml(xml("<batchs></batchs>"))).lines).toEqual([
      { orderLineNo: null, itemCode: "I1234", inventoryType: "CC", actualQty: 4, batchCode: "L1" },
    ]);
    expect(parseConfirm(parseQimenXml(xml("<batchs><batch><actualQty>4</actualQty></batch></batchs>"))).lines).toEqual([
      { orderLineNo: null, itemCode: "I1234", inventoryType: "ZP", actualQty: 4, batchCode: "L1" },
    ]);
    expect(parseConfirm(parseQimenXml(xml("", "<status>PARTFULFILLED</status><confirmType>1</confirmType>")))).toMatchObject({
      status: "PARTFULFILLED",
      confirmType: "1",
    });
  });

  it("refuses batches that do not add up to their line, or whose count is not a whole number", () => {
    for (const batchs of [
      "<batchs><batch><actualQty>2</actualQty></batch></batchs>",
      "<batchs><batch><actualQty>1.5</actualQty></batch><batch><actualQty>1.5</actualQty></batch></batchs>",
      "<batchs><batch>x</batch></batchs>",
    ]) {
      const xml = `<request><returnOrder><returnOrderCode>R</returnOrderCode><outBizCode>C</outBizCode></returnOrder><orderLines><orderLine><itemCode>I</itemCode><actualQty>3</actualQty>${batchs}</orderLine></orderLines></request>`;
      expect(() => parseConfirm(parseQimenXml(xml))).toThrow(QimenConfirmError);
    }
  });
});
