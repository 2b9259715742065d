import type { Caller } from "../auth/caller.js";
import { accountScopeOf, eventMatches } from "../returns/feed.js";
import type { ReturnOrderEvent, ReturnOrderEventFilter } from "../returns/model.js";
import type { AccountDirectory } from "../returns/ports.js";
import { feedHead } from "../store/feed-head.js";
import type { Store } from "../store/index.js";
import { EventHub, type FeedReader, type HubOptions } from "./hub.js";
import type { Logger } from "../logger.js";

/** The store's change feed, every account's events, as the hub reads it. */
export function storeFeed(store: Store): FeedReader<ReturnOrderEvent> {
  return {
    head: () => feedHead(store.sql),
    after: (after, limit) => store.events.eventsAfter(after, {}, null, limit),
  };
}

/**
 * `returnOrderChanged`: the replica's one hub, and per subscriber the feed's own rule of what
 * it may see (`accountScopeOf`, `eventMatches`), so a subscription shows exactly what
 * `returnOrderEvents` would page through for the same caller and filter.
 */
export class LiveEvents {
  readonly hub: EventHub<ReturnOrderEvent>;

  constructor(
    store: Store,
    private readonly directory: AccountDirectory,
    logger: Logger,
    options: HubOptions,
  ) {
    this.hub = new EventHub(storeFeed(store), logger, options);
  }

  subscribe(caller: Caller, filter: ReturnOrderEventFilter): Promise<AsyncIterableIterator<ReturnOrderEvent>> {
    const scope = accountScopeOf(this.directory, caller);
    return this.hub.subscribe((event) => eventMatches(event, filter, scope));
  }
}
