import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { ChannelClosedError } from "../../src/live/channel.js";
import { EventHub, type FeedReader } from "../../src/live/hub.js";

interface E {
  sequence: number;
  account: string;
}

/** A feed in memory: events are "committed" by `record`; reads are counted and may be held. */
function memoryFeed() {
  const events: E[] = [];
  let reads = 0;
  let hold: Promise<void> | null = null;
  const feed: FeedReader<E> = {
    head: async () => events.at(-1)?.sequence ?? 0,
    after: async (after, limit) => {
      reads++;
      if (hold) await hold;
      return events.filter((e) => e.sequence > after).slice(0, limit);
    },
  };
  return {
    feed,
    record: (account: string) => events.push({ sequence: (events.at(-1)?.sequence ?? 0) + 3, account }),
    reads: () => reads,
    holdReads: () => {
      let release!: () => void;
      hold = new Promise((resolve) => (release = resolve));
      return () => {
        hold = null;
        release();
      };
    },
  };
}

const options = { batch: 2, queue: 3, pollMs: 60_000 };
const logger = createLogger("silent");
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const take = async (stream: AsyncIterator<E>, n: number) => {
  const got: E[] = [];
  while (got.length < n) got.push((await stream.next()).value as E);
  return got;
};

describe("the subscription hub", () => {
  it("starts after the head, reads the feed once per notification for every subscriber, and hands each only what it accepts", async () => {
    const store = memoryFeed();
    store.record("old");
    const hub = new EventHub(store.feed, logger, options);
    const all = await hub.subscribe(() => true);
    const onlyA = await hub.subscribe((e) => e.account === "A");
    store.record("A");
    store.record("B");
    store.record("A");
    hub.wake();
    expect((await take(all, 3)).map((e) => e.account)).toEqual(["A", "B", "A"]);
    expect((await take(onlyA, 2)).map((e) => e.account)).toEqual(["A", "A"]);
    // Three events, a batch of two: two reads for both subscribers (not one per subscriber).
    expect(store.reads()).toBe(2);
    await hub.close();
  });

  it("never skips or repeats an event when notifications arrive during a read, late, or merged", async () => {
    const store = memoryFeed();
    const hub = new EventHub(store.feed, logger, { ...options, batch: 100 });
    const stream = await hub.subscribe(() => true);
    store.record("1");
    const release = store.holdReads();
    hub.wake();
    // More commits and their notifications while the first read is still out.
    store.record("2");
    hub.wake();
    store.record("3");
    hub.wake();
    release();
    await settle();
    hub.wake();
    hub.wake();
    await settle();
    expect((await take(stream, 3)).map((e) => e.account)).toEqual(["1", "2", "3"]);
    store.record("4");
    hub.wake();
    expect((await take(stream, 1)).map((e) => e.account)).toEqual(["4"]);
    await hub.close();
  });

  it("ends a subscriber that does not read its events with SUBSCRIBER_TOO_SLOW, after what it had queued, and keeps serving the others", async () => {
    const store = memoryFeed();
    const hub = new EventHub(store.feed, logger, { ...options, batch: 100 });
    const slow = await hub.subscribe(() => true);
    const fast = await hub.subscribe(() => true);
    const fastReads = take(fast, 4);
    for (let i = 0; i < 4; i++) store.record(String(i));
    hub.wake();
    expect((await fastReads).map((e) => e.account)).toEqual(["0", "1", "2", "3"]);
    expect((await take(slow, 3)).map((e) => e.account)).toEqual(["0", "1", "2"]);
    await expect(slow.next()).rejects.toBeInstanceOf(ChannelClosedError);
    expect(hub.size).toBe(1);
    await hub.close();
  });

  it("stops reading once the last subscriber leaves, and a later one starts from the head then", async () => {
    const store = memoryFeed();
    const hub = new EventHub(store.feed, logger, options);
    const first = await hub.subscribe(() => true);
    await first.return!();
    store.record("missed by nobody");
    hub.wake();
    await settle();
    expect(store.reads()).toBe(0);
    const later = await hub.subscribe(() => true);
    store.record("new");
    hub.wake();
    expect((await take(later, 1)).map((e) => e.account)).toEqual(["new"]);
    await hub.close();
    await expect(hub.subscribe(() => true)).rejects.toMatchObject({ code: "SERVER_SHUTTING_DOWN" });
  });
});
