import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { AnswerTooLargeError, readBoundedText } from "../../../src/providers/kit/bounded-body.js";

const CHUNK = 16 * 1024;

/** An endless body that counts the chunks it was asked for. */
function endlessBody() {
  const state = { pulled: 0, destroyed: false };
  const body = new Readable({
    read() {
      state.pulled++;
      this.push(Buffer.alloc(CHUNK, "x"));
    },
    destroy(error, callback) {
      state.destroyed = true;
      callback(error);
    },
  });
  return { body, state };
}

describe("reading a provider's answer within a limit", () => {
  it("stops an endless body on the chunk that crosses the limit and destroys it", async () => {
    const { body, state } = endlessBody();
    const limit = 4 * CHUNK;
    await expect(readBoundedText(body, {}, limit)).rejects.toBeInstanceOf(AnswerTooLargeError);
    expect(state.destroyed).toBe(true);
    // Readable asks ahead up to its high-water mark (one chunk here), never for the rest.
    expect(state.pulled * CHUNK).toBeLessThanOrEqual(limit + 2 * CHUNK);
  });

  it("refuses a declared length over the limit before reading anything", async () => {
    const { body, state } = endlessBody();
    await expect(readBoundedText(body, { "content-length": String(10 * 1024 * 1024) }, 1024)).rejects.toBeInstanceOf(AnswerTooLargeError);
    expect(state.destroyed).toBe(true);
    expect(state.pulled).toBe(0);
  });

  it("answers a body within the limit whole, as UTF-8 without a byte-order mark, split characters included", async () => {
    const text = "退货单 ✓";
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    const body = Readable.from([bytes.subarray(0, 5), bytes.subarray(5)]);
    expect(await readBoundedText(body, { "content-length": String(bytes.length) }, bytes.length)).toBe(text);
  });
});
