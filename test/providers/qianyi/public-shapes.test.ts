import { describe, expect, it } from "vitest";
import queryResponse from "../../../src/demo/qianyi/fixtures/seed-001-query-response.json" with { type: "json" };
import { QianyiAdapter } from "../../../src/providers/qianyi/adapter.js";
import { parseQianyiAnswer } from "../../../src/providers/qianyi/client.js";
import { qianyiModule } from "../../../src/providers/qianyi/index.js";
import { parseOrder } from "../../../src/providers/qianyi/mapper.js";
import { QIANYI_STATUS_TABLE } from "../../../src/providers/qianyi/status.js";
import { qianyiQueryResultWire } from "../../../src/providers/qianyi/wire.js";
import { ProviderRejectedError } from "../../../src/returns/errors.js";
import type { ReturnOrder } from "../../../src/returns/model.js";

// Facts settled from QuoVadis86/go-qianyi-sdk (types.go, models.go, README) and seed 001, read
// through the client's own entry points (docs/providers/qianyi.md has the evidence).

const rejection = (body: unknown) => {
  try {
    parseQianyiAnswer("default", JSON.stringify(body));
  } catch (e) {
    return e;
  }
  return null;
};

/** Seed 001's query answer with its first order edited, read as the adapter reads a page. */
function seedOrderWith(edit: (order: Record<string, unknown>) => void, bizContentText?: (text: string) => string): ReturnOrder {
  const content = JSON.parse(queryResponse.bizContent) as { result: Record<string, unknown>[] };
  edit(content.result[0]!);
  const text = JSON.stringify(content);
  const answer = parseQianyiAnswer("default", JSON.stringify({ ...queryResponse, bizContent: bizContentText ? bizContentText(text) : text }));
  return parseOrder(qianyiQueryResultWire.parse(answer.result)[0]!, "default");
}

describe("Qianyi's envelope as the Go SDK reads it (HasError)", () => {
  it("refuses state success with an errorCode, as TestParseResponse_WrapperWithError does", () => {
    const error = rejection({ state: "success", errorCode: "ERR_002", errorMsg: "business error", bizContent: "", requestId: "req-err" });
    expect(error).toBeInstanceOf(ProviderRejectedError);
    expect(error).toMatchObject({ provider: "QIANYI", providerCode: "ERR_002", providerMessage: "business error" });
  });

  it('reads errorCode "0" or empty with state success as success (IsSuccess)', () => {
    for (const errorCode of ["0", "", 0, null]) {
      expect(rejection({ state: "success", errorCode, errorMsg: "", bizContent: '{"notSuccess":false,"state":"success"}', requestId: "r" })).toBeNull();
    }
  });
});

describe("Qianyi orders in the seed's shapes", () => {
  it("keeps the exact text of amounts (BigDecimal on Qianyi's side)", () => {
    const order = seedOrderWith(
      (o) => {
        o["orderRefundAmount"] = "AMOUNT_A";
        o["totalAmount"] = "AMOUNT_B";
        (o["returnSkuList"] as Record<string, unknown>[])[0]!["itemRefundAmount"] = "AMOUNT_C";
      },
      (text) => text.replace('"AMOUNT_A"', "12.50").replace('"AMOUNT_B"', "12345678901234567.89").replace('"AMOUNT_C"', "0.10"),
    );
    expect(order.details).toMatchObject({ orderRefundAmount: "12.50", totalAmount: "12345678901234567.89", skus: [{ itemRefundAmount: "0.10" }] });
  });

  it("keeps amounts exact when bizContent arrives as an object instead of a JSON string", () => {
    const content = JSON.parse(queryResponse.bizContent) as { result: Record<string, unknown>[] };
    content.result[0]!["orderRefundAmount"] = "AMOUNT";
    const body = JSON.stringify({ ...queryResponse, bizContent: content }).replace('"AMOUNT"', "12.3456789012345678");
    const order = parseOrder(qianyiQueryResultWire.parse(parseQianyiAnswer("default", body).result)[0]!, "default");
    expect(order.details).toMatchObject({ orderRefundAmount: "12.3456789012345678" });
  });

  it("reads candidateValue's documented text form, numbers among the choices kept as written", () => {
    const order = seedOrderWith((o) => {
      o["refundCustomFieldValueVOList"] = [{ customFieldId: 9, columType: "SELECT", candidateValue: '["1970/01/01",2.50,3]' }];
    });
    expect((order.details as unknown as { customFields: unknown[] }).customFields).toEqual([
      expect.objectContaining({ candidateValues: ["1970/01/01", "2.50", "3"] }),
    ]);
  });

  it("keeps a line Qianyi hides (selected 0) in the details with selected false, out of the lines and totals", () => {
    const order = seedOrderWith((o) => {
      const [shown] = o["returnSkuList"] as Record<string, unknown>[];
      o["returnSkuList"] = [shown, { ...shown, sku: "BUNDLE-PART", quantity: 4, selected: 0 }];
    });
    expect(order.lines.map((l) => l.sku)).toEqual(["hmsku090901-1"]);
    expect(order.totalQuantity).toBe(1);
    expect((order.details as unknown as { skus: unknown[] }).skus).toEqual([
      expect.objectContaining({ sku: "hmsku090901-1", selected: true }),
      expect.objectContaining({ sku: "BUNDLE-PART", quantity: 4, selected: false }),
    ]);
  });

  it("reads the SDK's CustomField (tableName, remark, isQuery, isShow) and candidateValue as text or as a list", () => {
    const order = seedOrderWith((o) => {
      o["refundCustomFieldValueVOList"] = [
        {
          id: 7,
          tableName: "SYS_REFUND",
          columType: "DATE",
          columName: "到货日",
          defaultValue: "",
          candidateValue: '["1970/01/01","1970/01/02"]',
          remark: "备注",
          required: 0,
          isQuery: 1,
          isShow: 0,
        },
        { customFieldId: 8, columType: "SELECT", candidateValue: ["良品", "不良品"] },
        { customFieldId: 9, candidateValue: "not a list" },
      ];
    });
    expect((order.details as unknown as { customFields: unknown[] }).customFields).toEqual([
      {
        id: "7",
        tableName: "SYS_REFUND",
        name: "到货日",
        value: null,
        type: "DATE",
        defaultValue: null,
        candidateValues: ["1970/01/01", "1970/01/02"],
        remark: "备注",
        required: false,
        isQuery: true,
        isShow: false,
      },
      expect.objectContaining({ id: "8", candidateValues: ["良品", "不良品"] }),
      expect.objectContaining({ id: "9", candidateValues: [] }),
    ]);
  });
});

describe("Qianyi's published limits and capabilities", () => {
  it("keeps every account under QUERY_RETURN_ORDER_LIST's 100 calls a minute, the strictest published limit", () => {
    expect(qianyiModule.rateLimit).toEqual({ points: 100, perSeconds: 60 });
  });

  it("marks the seed's codes confirmed and the closed state inferred; reasons carry no internal wording", () => {
    expect(Object.fromEntries(Object.entries(QIANYI_STATUS_TABLE).map(([code, row]) => [code, row.evidence]))).toEqual({
      NEW: "confirmed",
      WAIT_STORAGE: "confirmed",
      FINISH: "confirmed",
      CLOSED: "inferred",
    });
    const adapter = new QianyiAdapter("default", {} as never, "secret", {} as never);
    const of = (providerStatus: string) => adapter.capabilitiesOf({ providerStatus } as ReturnOrder);
    expect(of("NEW")).toMatchObject({ canUpdate: false, canCancel: true, reasons: ["Qianyi's API cannot change a return order after it is created."] });
    expect(of("FINISH")).toMatchObject({
      canCancel: false,
      reasons: [expect.any(String), "Qianyi cancels only orders in status NEW, WAIT_STORAGE; this one is FINISH."],
    });
    expect(of("SOMETHING_NEW")).toMatchObject({ canUpdate: false, canCancel: false });
    for (const code of ["NEW", "FINISH", "CLOSED", "X"]) expect(of(code).reasons.join(" ")).not.toMatch(/assumed|inferred|guess/i);
  });
});
