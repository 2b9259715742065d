import { describe, expect, it } from "vitest";
import { InFlight } from "../../src/returns/in-flight.js";

describe("InFlight shares a running call, never a finished one", () => {
  it("runs one call for concurrent askers of one key, and calls again once it settled", async () => {
    const shared = new InFlight<number>();
    let calls = 0;
    let release!: (n: number) => void;
    const call = () => {
      calls++;
      return new Promise<number>((resolve) => (release = resolve));
    };
    const a = shared.run("k", call);
    const b = shared.run("k", call);
    expect(calls).toBe(1);
    release(7);
    expect(await Promise.all([a, b])).toEqual([7, 7]);
    expect(shared.size).toBe(0);
    const c = shared.run("k", call);
    expect(calls).toBe(2);
    release(8);
    expect(await c).toBe(8);
  });

  it("keeps keys apart and shares a failure with everyone waiting, then forgets it", async () => {
    const shared = new InFlight<string>();
    const failing = () => Promise.reject(new Error("down"));
    const [x, y] = [shared.run("a", failing), shared.run("a", () => Promise.resolve("unused"))];
    await expect(x).rejects.toThrow("down");
    await expect(y).rejects.toThrow("down");
    expect(await shared.run("b", async () => "other")).toBe("other");
    // A call that throws before returning a promise still settles the shared one.
    await expect(
      shared.run("c", () => {
        throw new Error("sync");
      }),
    ).rejects.toThrow("sync");
    expect(shared.size).toBe(0);
  });

  it("lets a joiner run the call itself when the starter's failure was the starter's own", async () => {
    class StartersOwn extends Error {}
    const shared = new InFlight<string>({ retryAloneWhen: (error) => error instanceof StartersOwn });
    const starter = shared.run("k", () => Promise.reject(new StartersOwn("starter's budget")));
    const joiner = shared.run("k", async () => "joiner's own answer");
    await expect(starter).rejects.toBeInstanceOf(StartersOwn);
    expect(await joiner).toBe("joiner's own answer");
    // Any other failure is the call's: shared as before.
    const down = shared.run("d", () => Promise.reject(new Error("down")));
    const waiting = shared.run("d", async () => "unused");
    await expect(down).rejects.toThrow("down");
    await expect(waiting).rejects.toThrow("down");
  });
});
