import { describe, expect, it } from "vitest";
import { buildWinitBody } from "../../../src/providers/winit/client.js";
import { signWinit } from "../../../src/providers/winit/signing.js";

describe("WINIT signing", () => {
  const fields = {
    action: "rma.returnGoodsOrder.voidOrder",
    app_key: "demo@example.com",
    data: '{"returnGoodsOrderNos":["RT16000013812852CN"]}',
    format: "json",
    platform: "OWNERERP",
    sign_method: "md5",
    timestamp: "2024-01-02 03:04:05",
    version: "1.0",
  };

  it("reproduces the regression vector of providers.md", () => {
    expect(signWinit(fields, "TOKEN123", "SECRET456")).toEqual({
      sign: "63909D9D7847F91F4BF2EB6B37CC0FBF",
      client_sign: "B738E044C3B48F3B4AA5E51E41F13342",
    });
  });

  it("changes when any signed field changes", () => {
    const base = signWinit(fields, "TOKEN123", "SECRET456");
    expect(signWinit({ ...fields, data: '{"returnGoodsOrderNos":["RT2"]}' }, "TOKEN123", "SECRET456").sign).not.toBe(base.sign);
    expect(signWinit(fields, "TOKEN124", "SECRET456").sign).not.toBe(base.sign);
    expect(signWinit(fields, "TOKEN123", "SECRET457").client_sign).not.toBe(base.client_sign);
  });

  it("sends data byte-identical to the signed text, with client_id and language unsigned", () => {
    const credentials = {
      baseUrl: "http://x",
      appKey: "demo@example.com",
      token: "TOKEN123",
      clientId: "CID",
      clientSecret: "SECRET456",
      platform: "OWNERERP",
    };
    const data = { returnGoodsOrderNos: ["RT16000013812852CN"] };
    // 2024-01-02 03:04:05 China time
    const body = JSON.parse(buildWinitBody(credentials, fields.action, data, new Date("2024-01-01T19:04:05Z"))) as Record<string, unknown>;
    expect(body).toMatchObject({
      action: fields.action,
      app_key: "demo@example.com",
      client_id: "CID",
      language: "zh_CN",
      timestamp: "2024-01-02 03:04:05",
      sign: "63909D9D7847F91F4BF2EB6B37CC0FBF",
      client_sign: "B738E044C3B48F3B4AA5E51E41F13342",
      data,
    });
  });

  it("sends data with keys sorted at every depth and nulls left out: the form the public SDK signs", () => {
    const credentials = { baseUrl: "http://x", appKey: "k", token: "T", clientId: "C", clientSecret: "S", platform: "P" };
    const body = buildWinitBody(credentials, "a", { warehouseCode: "US0001", VATNo: "", rmaNo: null, pageParams: { pageSize: 1, pageNo: 2 } }, new Date());
    expect(body).toContain(`"data":{"VATNo":"","pageParams":{"pageNo":2,"pageSize":1},"warehouseCode":"US0001"}}`);
  });

  it("signs a call without data (queryWarehouse) over empty text and sends data as null, as the public SDK does", () => {
    const credentials = { baseUrl: "http://x", appKey: "k", token: "T", clientId: "C", clientSecret: "S", platform: "P" };
    const at = new Date("2024-01-01T19:04:05Z");
    const body = JSON.parse(buildWinitBody(credentials, "queryWarehouse", null, at)) as Record<string, unknown>;
    const signed = { ...fields, action: "queryWarehouse", app_key: "k", data: "", platform: "P" };
    expect(body).toMatchObject({ data: null, ...signWinit(signed, "T", "S") });
  });
});
