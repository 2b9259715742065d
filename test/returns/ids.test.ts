import { describe, expect, it } from "vitest";
import { decodeOrderId, encodeOrderId } from "../../src/returns/ids.js";

describe("return order ids", () => {
  const key = { provider: "WINIT" as const, account: "default", providerOrderNo: "RT16000000005910CN" };

  it("round-trips and is URL-safe", () => {
    const id = encodeOrderId(key);
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeOrderId(id)).toEqual(key);
  });

  it("is frozen: the v1 layout never changes", () => {
    expect(encodeOrderId(key)).toBe(Buffer.from("ro1|WINIT|default|RT16000000005910CN").toString("base64url"));
  });

  it.each([
    ["empty", ""],
    ["not base64url", "abc$%^"],
    ["padding", `${encodeOrderId(key)}=`],
    ["foreign base64", Buffer.from("hello world").toString("base64url")],
    ["unknown version", Buffer.from("ro2|WINIT|default|RT1").toString("base64url")],
    ["unknown provider", Buffer.from("ro1|DHL|default|RT1").toString("base64url")],
    ["too few parts", Buffer.from("ro1|WINIT|RT1").toString("base64url")],
    ["too many parts", Buffer.from("ro1|WINIT|a|b|c").toString("base64url")],
    ["bad account", Buffer.from("ro1|WINIT|a b|RT1").toString("base64url")],
    ["empty number", Buffer.from("ro1|WINIT|default|").toString("base64url")],
    ["control characters", Buffer.from("ro1|WINIT|default|RT\u0001").toString("base64url")],
    ["invalid utf-8", Buffer.from([0x72, 0x6f, 0x31, 0x7c, 0xff, 0xfe]).toString("base64url")],
    ["huge", "A".repeat(10_000)],
  ])("rejects %s", (_label, id) => {
    expect(decodeOrderId(id)).toBeNull();
  });

  it("rejects non-strings", () => {
    expect(decodeOrderId(42)).toBeNull();
    expect(decodeOrderId(null)).toBeNull();
    expect(decodeOrderId({})).toBeNull();
  });
});
