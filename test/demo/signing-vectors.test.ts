import { describe, expect, it } from "vitest";
import { signatureHolds as omsSignatureHolds } from "../../src/demo/oms/wire.js";
import { qimenSign } from "../../src/demo/qimen/wire.js";
import { expectedSignatures } from "../../src/demo/winit/wire.js";

// The emulators' own readings of each signing rule, against the vectors in shared/providers.md:
// the clients are held to the same vectors, so client and emulator agree through the documentation,
// never through shared code.
describe("emulator signature checks match the documented vectors", () => {
  it("WINIT: sign and client_sign", () => {
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
    expect(expectedSignatures(fields, "TOKEN123", "SECRET456")).toEqual({
      sign: "63909D9D7847F91F4BF2EB6B37CC0FBF",
      client_sign: "B738E044C3B48F3B4AA5E51E41F13342",
    });
  });

  it("Qimen: md5 over the sorted query and the body", () => {
    const params = {
      app_key: "23268761",
      format: "xml",
      method: "taobao.qimen.entryorder.create",
      sign_method: "md5",
      timestamp: "2020-04-08 10:56:00",
      v: "2.0",
    };
    expect(qimenSign(params, "<request></request>", "b17cc059ffba3f6cf0d9131359d0be2a")).toBe("12104E748A8F2DAD3EBA9F735A8D9C4F");
  });

  it("OMS: the token's HMAC signature", () => {
    const [ts, nonce] = ["1700000000000", "0123456789abcdef0123456789abcdef"];
    expect(omsSignatureHolds("mySecret", ts, nonce, "c40wIs+ZKEBDE3Yrjah7aF0PkG3uR0GzH4tkjthHIWU=")).toBe(true);
    expect(omsSignatureHolds("mySecret", ts, nonce, "c40wIs+ZKEBDE3Yrjah7aF0PkG3uR0GzH4tkjthHIWU")).toBe(false);
  });
});
