import { describe, expect, it } from "vitest";
import updateRequest from "../../../src/demo/oms/fixtures/seed-000-update-request.json" with { type: "json" };
import updateResponse from "../../../src/demo/oms/fixtures/seed-000-update-response.json" with { type: "json" };
import { attachmentViolations, decodedSize } from "../../../src/providers/oms/attachments.js";
import { describeErrors } from "../../../src/providers/oms/client.js";
import { parseOrder as parseParsed } from "../../../src/providers/oms/mapper.js";
import { toCreateRequest, toListFilter, toListRequest, toUpdateRequest } from "../../../src/providers/oms/requests.js";
import { parseOmsTime } from "../../../src/providers/oms/time.js";
import { omsOrderSchema, type OmsOrder } from "../../../src/providers/oms/wire.js";

type RawOrder = Record<string, unknown>;
/** An order as the OMS sends it, read through the wire schema and mapped. */
const parseOrder = (raw: RawOrder, account: string) => parseParsed(omsOrderSchema.parse(raw), account);

const PDF = Buffer.from("%PDF-1.4\n% a tiny pdf\n").toString("base64");
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString("base64");

describe("OMS mapper: seed 000 (update answer)", () => {
  const wire = updateResponse.data as RawOrder;
  const order = parseOrder(wire, "default");

  it("maps the unified fields", () => {
    expect(order).toEqual({
      provider: "OMS",
      account: "default",
      providerOrderNo: "RO25102353783107",
      referenceNo: "incididunt 1proident1",
      outboundOrderNo: "eiusmod magna",
      status: "DRAFT",
      providerStatus: "1",
      warehouseCode: null,
      carrier: null,
      trackingNumber: "ipsum in eiusmod elit",
      reason: null,
      remark: "esse elit proident nisi",
      sender: {
        name: "逯语桐",
        company: "褒天娇公司1",
        phone: "16284171365",
        mobile: "13551590409",
        email: "izh70@yahoo.com.cn",
        province: "安徽省",
        city: "衡码市",
        district: "清徐县",
        address1: "查巷9号",
        houseNo: null,
        postcode: "135734",
        country: null,
      },
      lines: [],
      totalQuantity: 94,
      receivedQuantity: 0,
      createdAt: null,
      updatedAt: null,
      completedAt: null,
      details: expect.anything(),
    });
  });

  it("keeps every OMS-only field, numeric codes raw as strings, and every quantity", () => {
    expect(order.details).toEqual({
      __typename: "OmsReturnDetails",
      signatureNo: "consequat mollit Lorem velit",
      pickupType: "2",
      pickupDate: "2025-10-25",
      etaDate: "2025-10-25",
      returnType: "1",
      isSplitAsn: "1",
      handleAdvice: "labore velit quis in",
      goodQuantity: 0,
      badQuantity: 0,
      putawayQuantity: 0,
      putawayBadQuantity: 0,
      destroyQuantity: 0,
      cancelType: "1",
      cancelRemark: null,
      errorReason: null,
      items: [],
      attachments: [],
    });
  });

  it("distinguishes every quantity, cancel field and the error reason when they are set", () => {
    const moved = parseOrder(
      {
        ...wire,
        status: 5,
        receiveQty: 9,
        goodQty: 7,
        badQty: 2,
        putawayQty: 6,
        putawayBadQty: 1,
        destroyQty: 1,
        cancelType: 2,
        cancelRemark: "late",
        errorReason: "no label",
      },
      "eu",
    );
    expect(moved).toMatchObject({ account: "eu", status: "COMPLETED", providerStatus: "5", receivedQuantity: 9 });
    expect(moved.details).toMatchObject({
      goodQuantity: 7,
      badQuantity: 2,
      putawayQuantity: 6,
      putawayBadQuantity: 1,
      destroyQuantity: 1,
      cancelType: "2",
      cancelRemark: "late",
      errorReason: "no label",
    });
  });

  it("reads the assumed list extras: warehouse, China-time creation time, items", () => {
    const listed = parseOrder(
      {
        ...wire,
        warehouseCode: "USLAX01",
        createTime: "2025-10-23 10:34:33",
        updateTime: 1761216008899,
        itemDTOs: [
          { returnOrderId: 1, productId: 2, productSku: "SKU-1", productName: "Hub", qty: "3", receiveQty: 1, productQuality: -1, handleType: -1, remark: "r" },
        ],
      },
      "default",
    );
    expect(listed).toMatchObject({
      warehouseCode: "USLAX01",
      lines: [{ sku: "SKU-1", quantity: 3, receivedQuantity: 1, goodQuantity: null, defectiveQuantity: null, productName: "Hub", remark: "r" }],
    });
    expect(listed.createdAt?.toISOString()).toBe("2025-10-23T02:34:33.000Z");
    expect(listed.updatedAt?.toISOString()).toBe("2025-10-23T10:40:08.899Z");
  });

  it("maps an unknown status code to UNKNOWN and keeps the code", () => {
    expect(parseOrder({ ...wire, status: 42 }, "default")).toMatchObject({ status: "UNKNOWN", providerStatus: "42" });
    expect(parseOrder({ ...wire, status: null }, "default")).toMatchObject({ status: "UNKNOWN", providerStatus: "" });
  });
});

describe("OMS mapper: the update request (seed 000's shape)", () => {
  /** Each value's JSON type, recursively: the request we build must look like the documented one. */
  const shape = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(shape)
      : value && typeof value === "object"
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]))
        : typeof value;

  const current: OmsOrder = omsOrderSchema.parse({
    ...updateResponse.data,
    doorplate: "9",
    warehouseCode: "USLAX01",
    itemDTOs: [{ returnOrderId: 11, productId: 22, productSku: "SKU-1", qty: 94, receiveQty: 0, productQuality: -1, handleType: -1, remark: "" }],
  });

  it("carries every documented field with the documented types, code2 included", () => {
    const body = toUpdateRequest(current, {
      options: { attachments: [{ fileName: "label.pdf", base64: PDF, attachmentType: "1" }] },
    });
    expect(shape(body)).toEqual(shape(updateRequest));
    expect(Object.keys(body)).toEqual(Object.keys(updateRequest));
  });

  it("sends the current order with every change applied", () => {
    const body = toUpdateRequest(current, {
      referenceNo: "REF-2",
      outboundOrderNo: "OB-2",
      trackingNumber: "TRK-2",
      warehouseCode: "USNJ01",
      remark: "new remark",
      sender: {
        name: "Ann",
        company: "Co",
        phone: "1",
        mobile: "2",
        email: "a@b.c",
        province: "CA",
        city: "LA",
        district: "D",
        houseNo: "12",
        address1: "Main St",
        postcode: "90001",
      },
      lines: [
        { sku: "SKU-1", quantity: 2, remark: "kept" },
        { sku: "SKU-9", quantity: 1 },
      ],
      options: {
        signatureNo: "SIG",
        pickupType: "1",
        pickupDate: "2025-11-01",
        etaDate: "2025-11-05",
        returnType: "2",
        isSplitAsn: "0",
        handleAdvice: "inspect",
      },
    });
    expect(body).toEqual({
      orderNo: "RO25102353783107",
      referenceNo: "REF-2",
      signatureNo: "SIG",
      outboundOrderNo: "OB-2",
      trackingNo: "TRK-2",
      pickupType: "1",
      pickupDate: "2025-11-01",
      etaDate: "2025-11-05",
      companyName: "Co",
      contactName: "Ann",
      contactMobile: "1",
      contactCellMobile: "2",
      contactEmail: "a@b.c",
      province: "CA",
      city: "LA",
      district: "D",
      doorplate: "12",
      address: "Main St",
      postcode: "90001",
      returnType: "2",
      isSplitAsn: "0",
      handleAdvice: "inspect",
      remark: "new remark",
      warehouseCode: "USNJ01",
      code2: "",
      itemDTOs: [
        { returnOrderId: 11, productId: 22, productSku: "SKU-1", qty: "2", receiveQty: "0", productQuality: "-1", handleType: "-1", remark: "kept" },
        { productSku: "SKU-9", qty: "1", remark: "" },
      ],
      attachmentOpenDTOs: [],
    });
  });

  it("leaves what the command does not name as the OMS last reported it", () => {
    const body = toUpdateRequest(current, { remark: "only this", options: null });
    expect(body).toMatchObject({
      remark: "only this",
      referenceNo: "incididunt 1proident1",
      pickupType: "2",
      isSplitAsn: "1",
      contactName: "逯语桐",
      doorplate: "9",
      warehouseCode: "USLAX01",
    });
    expect(body["itemDTOs"]).toEqual([
      { returnOrderId: 11, productId: 22, productSku: "SKU-1", qty: "94", receiveQty: "0", productQuality: "-1", handleType: "-1", remark: "" },
    ]);
  });

  it("sets item codes on the order's items when only the codes change, and the country as code2", () => {
    const body = toUpdateRequest(current, { sender: { country: "de" }, options: { lines: [{ sku: "SKU-1", handleType: "3" }] } });
    expect(body).toMatchObject({ code2: "DE", contactName: "逯语桐" });
    expect(body["itemDTOs"]).toEqual([
      { returnOrderId: 11, productId: 22, productSku: "SKU-1", qty: "94", receiveQty: "0", productQuality: "-1", handleType: "3", remark: "" },
    ]);
  });

  it("reads items with their codes and ids, attachments in either spelling and the country from code2 or openCountry", () => {
    const read = (extra: RawOrder) => parseOrder({ ...updateResponse.data, ...extra }, "default");
    const listed = read({
      code2: "US",
      itemDTOs: [{ returnOrderId: 7, productId: 8, productSku: "S", qty: 2, receiveQty: 1, productQuality: 2, handleType: "-1", remark: "r" }],
      openAttachments: [{ fileName: "a.png", attachmentType: "OTHER", fileType: "PNG", base64: "AAAA" }],
    });
    expect(listed.sender?.country).toBe("US");
    expect(listed.details).toMatchObject({
      items: [{ sku: "S", itemId: "7", productId: "8", quantity: 2, receivedQuantity: 1, productQuality: "2", handleType: "-1", remark: "r" }],
      attachments: [{ fileName: "a.png", attachmentType: "OTHER", fileType: "PNG" }],
    });
    const sibling = read({ openCountry: { code2: "GB" }, attachmentOpenDTOs: [{ fileName: "b.pdf", attachmentType: "X" }] });
    expect(sibling.sender?.country).toBe("GB");
    expect(sibling.details).toMatchObject({ attachments: [{ fileName: "b.pdf", attachmentType: "X", fileType: null }] });
  });

  it("builds the create request in the same shape, without orderNo", () => {
    const body = toCreateRequest(
      {
        provider: "OMS",
        account: "default",
        warehouseCode: "USLAX01",
        trackingNumber: "T",
        sender: { name: "Ann" },
        lines: [{ sku: "S", quantity: 2 }],
        options: { returnType: "1" },
      },
      "REF-1",
    );
    expect(body).toEqual({
      referenceNo: "REF-1",
      trackingNo: "T",
      contactName: "Ann",
      returnType: "1",
      warehouseCode: "USLAX01",
      itemDTOs: [{ productSku: "S", qty: "2", remark: "" }],
      attachmentOpenDTOs: [],
    });
  });

  it("filters the list by the sibling lists' names: startCreateTime / endCreateTime", () => {
    const filter = toListFilter({ createdFrom: new Date("2025-10-01T00:00:00Z"), createdTo: new Date("2025-10-02T00:00:00Z"), warehouseCode: "USLAX01" });
    expect(filter).toEqual({ warehouseCode: "USLAX01", startCreateTime: "2025-10-01 08:00:00", endCreateTime: "2025-10-02 08:00:00" });
  });

  it("pages with commonParam.pageParam", () => {
    expect(toListRequest({ orderNo: "RO1" }, 2, 50)).toEqual({ commonParam: { pageParam: { pageNum: 2, pageSize: 50 } }, orderNo: "RO1" });
  });
});

describe("OMS times", () => {
  it("reads epoch milliseconds and China-time strings, and nothing else", () => {
    expect(parseOmsTime("1761216008899")?.toISOString()).toBe("2025-10-23T10:40:08.899Z");
    expect(parseOmsTime("2025-10-25")?.toISOString()).toBe("2025-10-24T16:00:00.000Z");
    expect(parseOmsTime("string")).toBeNull();
    expect(parseOmsTime(null)).toBeNull();
  });
});

describe("OMS attachments are checked before sending", () => {
  const path = ["input", "oms", "attachments"];

  it("accepts real pdf, png and jpeg files", () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]).toString("base64");
    expect(
      attachmentViolations(
        [
          { fileName: "a.pdf", base64: PDF },
          { fileName: "b.PNG", base64: PNG },
          { fileName: "c.jpeg", base64: jpeg },
          { fileName: "d.jpg", base64: jpeg },
        ],
        path,
      ),
    ).toEqual([]);
  });

  it("refuses a 30 MB file without decoding it, saying the size", () => {
    const huge = "A".repeat(Math.ceil((30 * 1024 * 1024) / 3) * 4);
    expect(decodedSize(huge)).toBeGreaterThanOrEqual(30 * 1024 * 1024);
    expect(attachmentViolations([{ fileName: "scan.pdf", base64: huge }], path)).toEqual([
      { field: [...path, "0", "base64"], message: "scan.pdf: 30.0 MB is over the 10 MB limit per file" },
    ]);
  });

  it("refuses text that is not base64, a data: URL, an empty file, a wrong extension and a disguised file", () => {
    const violations = attachmentViolations(
      [
        { fileName: "a.pdf", base64: "this is not base64!" },
        { fileName: "b.pdf", base64: `data:application/pdf;base64,${PDF}` },
        { fileName: "c.pdf", base64: "" },
        { fileName: "d.exe", base64: PDF },
        { fileName: "e.png", base64: PDF },
      ],
      path,
    );
    expect(violations.map((v) => [v.field.slice(3).join("."), v.message])).toEqual([
      ["0.base64", "a.pdf: base64 is not valid base64 (plain base64 expected, without a data: prefix or line breaks)"],
      ["1.base64", "b.pdf: base64 is not valid base64 (plain base64 expected, without a data: prefix or line breaks)"],
      ["2.base64", "c.pdf: the file is empty"],
      ["3.fileName", "d.exe: only pdf, png, jpg, jpeg files are accepted"],
      ["4.base64", "e.png: the content is not a PNG file"],
    ]);
  });

  it("describes the OMS's errors whether strings or objects", () => {
    expect(describeErrors(["a", { field: "f", message: "m" }, { message: "n" }, 3])).toEqual(["a", "f: m", "n", "3"]);
    expect(describeErrors(null)).toEqual([]);
  });
});
