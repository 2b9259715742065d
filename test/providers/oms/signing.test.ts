import { describe, expect, it } from "vitest";
import { newNonce, omsSignature, omsToken, parseOmsToken } from "../../../src/providers/oms/signing.js";

describe("OMS token", () => {
  const ts = "1700000000000";
  const nonce = "0123456789abcdef0123456789abcdef";

  it("reproduces the regression vector of providers.md", () => {
    expect(omsSignature("mySecret", ts, nonce)).toBe("c40wIs+ZKEBDE3Yrjah7aF0PkG3uR0GzH4tkjthHIWU=");
  });

  it("is base64 of apiKey-ts-nonce-signature, with no Bearer prefix", () => {
    const token = omsToken({ apiKey: "myApiKey", apiSecret: "mySecret" }, ts, nonce);
    expect(Buffer.from(token, "base64").toString("utf8")).toBe(`myApiKey-${ts}-${nonce}-c40wIs+ZKEBDE3Yrjah7aF0PkG3uR0GzH4tkjthHIWU=`);
    expect(token).not.toMatch(/^Bearer/);
  });

  it("changes with the secret, the timestamp and the nonce", () => {
    const base = omsSignature("mySecret", ts, nonce);
    expect(omsSignature("mySecreT", ts, nonce)).not.toBe(base);
    expect(omsSignature("mySecret", "1700000000001", nonce)).not.toBe(base);
    expect(omsSignature("mySecret", ts, nonce.replace("0", "1"))).not.toBe(base);
  });

  it("parses its parts back, even when the api key contains dashes, and refuses malformed tokens", () => {
    const token = omsToken({ apiKey: "my-api-key", apiSecret: "s" }, ts, nonce);
    expect(parseOmsToken(token)).toEqual({ apiKey: "my-api-key", ts, nonce, signature: omsSignature("s", ts, nonce) });
    expect(parseOmsToken("Bearer abc")).toBeNull();
    expect(parseOmsToken(Buffer.from("key-123-nonce-sig").toString("base64"))).toBeNull();
    expect(parseOmsToken(Buffer.from(`key-${ts}-${nonce}-`).toString("base64"))).toBeNull();
  });

  it("makes 32-hex-character nonces that differ", () => {
    const a = newNonce();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(newNonce()).not.toBe(a);
  });
});
