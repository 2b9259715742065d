import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { nonBlockingOutput } from "../src/log-output.js";

/** A stream whose reader never reads: every write stays in its backlog. */
class StalledStream extends EventEmitter {
  writableLength = 0;
  written: string[] = [];
  throwOnWrite = false;
  write(chunk: string): boolean {
    if (this.throwOnWrite) throw new Error("write after end");
    this.written.push(chunk);
    this.writableLength += chunk.length;
    return false;
  }
}

const asStream = (s: StalledStream) => s as unknown as NodeJS.WritableStream & { writableLength: number };

describe("nonBlockingOutput", () => {
  it("stops writing, without throwing, once the output breaks (EPIPE: its reader went away)", () => {
    const stream = new StalledStream();
    const output = nonBlockingOutput(asStream(stream));
    output.write("one\n");
    stream.emit("error", Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
    expect(() => output.write("two\n")).not.toThrow();
    expect(stream.written).toEqual(["one\n"]);
  });

  it("does not throw when the stream does", () => {
    const stream = new StalledStream();
    stream.throwOnWrite = true;
    expect(() => nonBlockingOutput(asStream(stream)).write("one\n")).not.toThrow();
  });

  it("drops lines past its backlog instead of holding them, and reports how many once the reader catches up", () => {
    const stream = new StalledStream();
    const output = nonBlockingOutput(asStream(stream), 10);
    output.write("0123456789\n");
    output.write("dropped\n");
    output.write("dropped\n");
    expect(stream.written).toEqual(["0123456789\n"]);
    stream.writableLength = 0;
    stream.emit("drain");
    expect(JSON.parse(stream.written[1]!)).toMatchObject({ level: 40, dropped: 2 });
    stream.writableLength = 0;
    output.write("next\n");
    expect(stream.written[2]).toBe("next\n");
  });
});
