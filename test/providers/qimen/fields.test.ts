import { describe, expect, it } from "vitest";
import { keepAddressParts, orderFromRequest, withCurrentDetails } from "../../../src/providers/qimen/mapper.js";
import type { QimenReturnDetails } from "../../../src/providers/qimen/graphql.js";
import { toCreateRequest } from "../../../src/providers/qimen/requests.js";
import { wireOrderDocument } from "../../../src/providers/qimen/wire.js";
import { buildQimenXml, parseQimenXml } from "../../../src/providers/qimen/xml.js";
import type { CreateReturnOrderCommand, ReturnOrder } from "../../../src/returns/model.js";
import { at, seedCommand, seedOrder } from "./seed-order.js";

// Issue 17 in the mapper: extendProps as Qimen's XML has them, address parts, older snapshots.

const withMaps: CreateReturnOrderCommand = {
  ...seedCommand,
  options: {
    ...seedCommand.options,
    extendProps: [{ key: "shopId", value: "S-1" }],
    senderExtendProps: [{ key: "idType", value: "1" }],
    requestExtendProps: [{ key: "key1", value: "v1 <&>" }],
    lines: [{ sku: "I1234", extendProps: [{ key: "lineKey", value: "L-1" }] }],
  },
};

describe("Qimen extendProps, address parts and older snapshots", () => {
  it("writes each extendProps entry as an element of its own, where seed 004 puts the map, and reads them back from the XML", () => {
    const xml = buildQimenXml("request", toCreateRequest(withMaps, "R9", null) as unknown as Record<string, unknown>);
    expect(xml).toMatch(/<\/orderLines><extendProps><key1>v1 &lt;&amp;&gt;<\/key1><\/extendProps><\/request>$/);
    expect(xml).toContain("<extendProps><shopId>S-1</shopId></extendProps></returnOrder>");
    expect(xml).toContain("<extendProps><idType>1</idType></extendProps></senderInfo>");
    expect(xml).toContain("<extendProps><lineKey>L-1</lineKey></extendProps>");
    const read = wireOrderDocument.parse(parseQimenXml(xml)["request"]);
    expect(read.extendProps).toEqual([{ key: "key1", value: "v1 <&>" }]);
    expect(read.returnOrder.extendProps).toEqual([{ key: "shopId", value: "S-1" }]);
    expect(read.returnOrder.senderInfo?.extendProps).toEqual([{ key: "idType", value: "1" }]);
    expect(read.orderLines[0]?.extendProps).toEqual([{ key: "lineKey", value: "L-1" }]);
  });

  it("reads an empty or odd extendProps as no entries", () => {
    expect(wireOrderDocument.parse({ returnOrder: { extendProps: "" }, orderLines: {}, extendProps: { a: { b: "x" }, c: "" } })).toMatchObject({
      returnOrder: { extendProps: [] },
      extendProps: [],
    });
  });

  it("shows the address parts as given while the warehouse's detailAddress is their join, and the warehouse's address once it differs", () => {
    const sent = { ...seedCommand.sender, houseNo: "7", address1: "文一西路969号", address2: "3号楼" };
    const order = orderFromRequest(toCreateRequest({ ...seedCommand, sender: sent }, "R9", null), {
      account: "default",
      providerStatus: "NEW",
      createdAt: at,
      updatedAt: at,
      completedAt: null,
      referenceNo: null,
      confirmations: [],
    });
    expect(order.sender).toMatchObject({ address1: "7 文一西路969号 3号楼", address2: null, houseNo: null });
    expect(keepAddressParts(order, sent).sender).toMatchObject({ houseNo: "7", address1: "文一西路969号", address2: "3号楼" });
    const moved: ReturnOrder = { ...order, sender: { ...order.sender, address1: "余杭区1号" } };
    expect(keepAddressParts(moved, sent).sender).toMatchObject({ houseNo: null, address1: "余杭区1号", address2: null });
  });

  it("shows a snapshot recorded before the maps and per-line flags were kept with them empty, never missing", () => {
    const order = seedOrder();
    const details = order.details as unknown as QimenReturnDetails;
    const old = {
      ...order,
      details: {
        ...details,
        extendProps: undefined,
        senderExtendProps: undefined,
        requestExtendProps: undefined,
        orderLines: details.orderLines.map((l) => ({ ...l, orderFlags: undefined, extendProps: undefined })),
      },
    } as unknown as ReturnOrder;
    expect(withCurrentDetails(old).details).toMatchObject({
      extendProps: [],
      senderExtendProps: [],
      requestExtendProps: [],
      orderLines: [{ orderFlags: [], extendProps: [] }],
    });
  });
});
