import { describe, expect, it, vi } from "vitest";
import type { RequestContext } from "../../src/context.js";
import { returnOrderFields } from "../../src/resolvers/return-order-fields.js";
import { keyString, type ReturnOrder, type ReturnOrderEvent } from "../../src/returns/model.js";

const order = { provider: "WINIT", account: "default", providerOrderNo: "TH1001" } as ReturnOrder;
const event: ReturnOrderEvent = { at: new Date("2026-11-01T00:00:00Z"), status: "RECEIVED", providerStatus: "RC", source: "OBSERVED" } as ReturnOrderEvent;

function contextWith(loaded: Map<string, ReturnOrderEvent[]>) {
  const load = vi.fn(async () => [event]);
  return { ctx: { loaders: { loadedEvents: loaded, events: { load } } } as unknown as RequestContext, load };
}

describe("ReturnOrder.events", () => {
  it("answers already loaded events as they are, not as a promise", () => {
    const { ctx, load } = contextWith(new Map([[keyString(order), [event]]]));
    const answer = returnOrderFields.events(order, {}, ctx);
    expect(answer).toEqual([event]);
    expect(answer).not.toBeInstanceOf(Promise);
    expect(load).not.toHaveBeenCalled();
  });

  it("asks the batched loader for events not loaded yet", async () => {
    const { ctx, load } = contextWith(new Map());
    const answer = returnOrderFields.events(order, {}, ctx);
    expect(answer).toBeInstanceOf(Promise);
    expect(await answer).toEqual([event]);
    expect(load).toHaveBeenCalledWith(order);
  });
});
