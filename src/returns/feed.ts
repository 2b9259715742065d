import type { Caller } from "../auth/caller.js";
import type { Store } from "../store/index.js";
import { CallerAccounts } from "./accounts.js";
import { CursorError } from "./cursor.js";
import { checkPageSize } from "./listing.js";
import { keyString, type AccountScope, type ReturnOrderEvent, type ReturnOrderEventFilter } from "./model.js";
import type { AccountDirectory } from "./ports.js";

// Frozen event id scheme, v1: base64url("roe1|" + the store's sequence). The id is also the feed's
// cursor: a subscriber that saw an event resumes the feed after it with that id.
const PREFIX = "roe1";
const SEQUENCE = /^[1-9][0-9]{0,15}$/;

export function encodeEventId(sequence: number): string {
  return Buffer.from(`${PREFIX}|${sequence}`, "utf8").toString("base64url");
}

/** The sequence an event id (or feed cursor) stands for; null for anything else. */
export function decodeEventId(id: unknown): number | null {
  if (typeof id !== "string" || id.length === 0 || id.length > 64 || !/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const text = Buffer.from(id, "base64url").toString("utf8");
  if (Buffer.from(text, "utf8").toString("base64url") !== id) return null;
  const [prefix, sequence, ...rest] = text.split("|");
  if (prefix !== PREFIX || rest.length > 0 || !sequence || !SEQUENCE.test(sequence)) return null;
  const n = Number(sequence);
  return Number.isSafeInteger(n) ? n : null;
}

/** The accounts whose events a caller may see: those configured here that its access allows. */
export function accountScopeOf(directory: AccountDirectory, caller: Caller): AccountScope {
  return new CallerAccounts(directory, caller).adapters().map((a) => ({ provider: a.provider, account: a.account }));
}

/**
 * Whether one event passes a feed filter and scope: what `EventLog.eventsAfter` asks in SQL, for
 * events handed over as they are recorded (the subscription).
 */
export function eventMatches(event: ReturnOrderEvent, filter: ReturnOrderEventFilter, scope: AccountScope): boolean {
  const given = <T>(values: readonly T[] | null | undefined): values is readonly T[] => Boolean(values && values.length > 0);
  if (scope !== null && !scope.some((a) => a.provider === event.provider && a.account === event.account)) return false;
  if (given(filter.providers) && !filter.providers.includes(event.provider)) return false;
  if (given(filter.statuses) && !filter.statuses.includes(event.status)) return false;
  if (given(filter.sources) && !filter.sources.includes(event.source)) return false;
  if (given(filter.orders) && !filter.orders.some((k) => keyString(k) === keyString(event))) return false;
  return true;
}

export interface EventPage {
  events: ReturnOrderEvent[];
  hasNextPage: boolean;
}

/** `returnOrderEvents`: pages of the store's feed, as far as the caller may see. */
export class EventFeed {
  constructor(
    private readonly directory: AccountDirectory,
    private readonly store: Store,
  ) {}

  async page(filter: ReturnOrderEventFilter, first: number, after: string | null | undefined, caller: Caller): Promise<EventPage> {
    checkPageSize(first);
    let from: number | null = null;
    if (after != null) {
      from = decodeEventId(after);
      if (from === null) throw new CursorError("`after` is not a cursor or event id of this feed.");
    }
    const events = await this.store.events.eventsAfter(from, filter, accountScopeOf(this.directory, caller), first + 1);
    return { events: events.slice(0, first), hasNextPage: events.length > first };
  }

  /** One event by its id, when the caller may see it (`Query.node`). */
  async one(id: string, caller: Caller): Promise<ReturnOrderEvent | null> {
    const sequence = decodeEventId(id);
    if (sequence === null) return null;
    const [event] = await this.store.events.eventsAfter(sequence - 1, {}, accountScopeOf(this.directory, caller), 1);
    return event?.sequence === sequence ? event : null;
  }
}
