import { describe, expect, it } from "vitest";
import { decodeEventId, encodeEventId } from "../../src/returns/feed.js";
import { encodeOrderId } from "../../src/returns/ids.js";

const raw = (text: string) => Buffer.from(text, "utf8").toString("base64url");

describe("event ids (the feed's cursors)", () => {
  it("give back the sequence they were made from", () => {
    for (const n of [1, 42, 9_007_199_254_740_991]) expect(decodeEventId(encodeEventId(n))).toBe(n);
  });

  it("refuse anything but a canonical event id", () => {
    for (const id of [
      "",
      "junk!",
      raw("roe1|0"),
      raw("roe1|01"),
      raw("roe1|-1"),
      raw("roe1|1.5"),
      raw("roe1|1|2"),
      raw("roe2|1"),
      raw("roe1|99999999999999999"),
      `${encodeEventId(7)}=`,
      encodeOrderId({ provider: "WINIT", account: "default", providerOrderNo: "1" }),
      42,
      null,
    ]) {
      expect(decodeEventId(id), String(id)).toBeNull();
    }
  });
});
