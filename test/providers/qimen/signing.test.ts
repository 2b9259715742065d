import { describe, expect, it } from "vitest";
import { buildQimenCall, qimenUrl } from "../../../src/providers/qimen/client.js";
import { qimenSignatureMatches, signQimen } from "../../../src/providers/qimen/signing.js";

describe("Qimen signing", () => {
  const params = {
    app_key: "23268761",
    format: "xml",
    method: "taobao.qimen.entryorder.create",
    sign_method: "md5",
    timestamp: "2020-04-08 10:56:00",
    v: "2.0",
  };
  const secret = "b17cc059ffba3f6cf0d9131359d0be2a";

  it("reproduces the verified vector of providers.md", () => {
    expect(signQimen(params, "<request></request>", secret)).toBe("12104E748A8F2DAD3EBA9F735A8D9C4F");
  });

  it("ignores the order of the parameters, `sign` itself and empty values", () => {
    const shuffled = { v: "2.0", timestamp: params.timestamp, sign_method: "md5", method: params.method, format: "xml", app_key: "23268761" };
    expect(signQimen({ ...shuffled, sign: "ANYTHING", customerId: "" }, "<request></request>", secret)).toBe("12104E748A8F2DAD3EBA9F735A8D9C4F");
  });

  it("changes when a parameter, the body or the secret changes", () => {
    const base = signQimen(params, "<request></request>", secret);
    expect(signQimen({ ...params, customerId: "c" }, "<request></request>", secret)).not.toBe(base);
    expect(signQimen(params, "<request> </request>", secret)).not.toBe(base);
    expect(signQimen(params, "<request></request>", `${secret}x`)).not.toBe(base);
  });

  it("verifies a received sign in either case, and refuses a wrong one", () => {
    const sign = signQimen(params, "<request></request>", secret);
    expect(qimenSignatureMatches({ ...params, sign }, "<request></request>", secret)).toBe(true);
    expect(qimenSignatureMatches({ ...params, sign: sign.toLowerCase() }, "<request></request>", secret)).toBe(true);
    expect(qimenSignatureMatches({ ...params, sign: sign.slice(1) }, "<request></request>", secret)).toBe(false);
    expect(qimenSignatureMatches(params, "<request></request>", secret)).toBe(false);
  });

  it("signs the query and the body exactly as they are sent", () => {
    // 2020-04-08 10:56:00 China time
    const call = buildQimenCall(
      { appKey: "23268761", appSecret: secret, customerId: "" },
      "taobao.qimen.entryorder.create",
      {},
      new Date("2020-04-08T02:56:00Z"),
    );
    expect(call.body).toBe("<request></request>");
    expect(call.params).toEqual({ ...params, sign: "12104E748A8F2DAD3EBA9F735A8D9C4F" });
    const url = new URL(qimenUrl("https://qimen.api.taobao.com/", call.params));
    expect(url.pathname).toBe("/router/qimen/service");
    expect(Object.fromEntries(url.searchParams)).toEqual(call.params);
  });

  // docs/providers/qimen.md vectors 2 and 3, computed with yellbuy/go-ec-openapi's getSign followed literally.
  const vectorParams = {
    method: "taobao.qimen.returnorder.query",
    timestamp: "2024-01-02 03:04:05",
    format: "xml",
    app_key: "23268761",
    v: "2.0",
    sign_method: "md5",
    customerId: "stub-cust-code",
  };

  it("reproduces vector 2: customerId sorts between app_key and format", () => {
    const body = "<request><returnOrderCode>R1234</returnOrderCode><page>1</page><pageSize>100</pageSize></request>";
    expect(signQimen(vectorParams, body, secret)).toBe("99A387F4B419DAD3C6749AD6F79DDF11");
  });

  it("verifies vector 3, a confirm with graded batches, as a push", () => {
    const body =
      "<request><returnOrder><returnOrderCode>R1234</returnOrderCode><warehouseCode>W1234</warehouseCode><outBizCode>CF0001</outBizCode><orderType>THRK</orderType><logisticsCode>SF</logisticsCode></returnOrder><orderLines><orderLine><ownerCode>HZ1234</ownerCode><itemCode>I1234</itemCode><planQty>12</planQty><actualQty>3</actualQty><batchs><batch><inventoryType>ZP</inventoryType><actualQty>2</actualQty></batch><batch><inventoryType>CC</inventoryType><actualQty>1</actualQty></batch></batchs></orderLine></orderLines></request>";
    const params = { ...vectorParams, method: "taobao.qimen.returnorder.confirm" };
    expect(qimenSignatureMatches({ ...params, sign: "00D7EDFCB752655B37A9EB5E0EE64D8C" }, body, secret)).toBe(true);
  });
});
