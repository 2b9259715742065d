import type { FieldViolation } from "../returns/errors.js";
import type { IncomingPush, PushOutcome, PushReply } from "../webhooks/types.js";
import type {
  CreateOutcome,
  CreateReturnOrderCommand,
  OrderCapabilities,
  ReturnOrder,
  ReturnOrderFilter,
  ReturnProvider,
  UpdateReturnOrderCommand,
} from "../returns/model.js";

/** What a provider's API can do at all; per-order answers come from `capabilitiesOf`. */
export interface ProviderFeatures {
  create: boolean;
  update: boolean;
  cancel: boolean;
  receivesPushes: boolean;
}

/**
 * Calls one lookup makes to one provider account at the same time. Bounded per call,
 * not shared between requests: a small shared bound would queue one request behind another's
 * calls for the provider's whole latency. The account's total is bounded by the HTTP client
 * (`maxConcurrentCalls` calls on the wire) and its rate limiter (calls a minute).
 */
export const LOOKUPS_AT_ONCE = 4;

/** What a batch lookup answers per order: the order, null when the provider has none, or why that one lookup failed. */
export type LookupAnswer = ReturnOrder | null | Error;

/** A failed lookup as its answer, so that one failure (a call refused by the request's budget) leaves the others answered. */
export const failedLookup = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/** One order to fetch; `createdAt` is what the subgraph already knows of it (WINIT needs it). */
export interface LookupRequest {
  providerOrderNo: string;
  createdAt: Date | null;
}

/**
 * A slice of one provider account's orders, newest first (createdAt desc, then number desc).
 * `offset` counts the provider's raw items (before any filter applied here), so positions stay
 * valid across pages whatever the filter dropped.
 */
export interface ListRequest {
  filter: ReturnOrderFilter;
  offset: number;
  limit: number;
}

export interface ListedOrder {
  order: ReturnOrder;
  /** The raw offset just after this order: where to resume once it has been served. */
  next: number;
}

export interface ListResult {
  orders: ListedOrder[];
  /** The raw offset after everything scanned. */
  scanEnd: number;
  /** Nothing matches beyond `scanEnd`. */
  exhausted: boolean;
  /**
   * When the scan stopped early (not exhausted, fewer than `limit` orders): the last order it
   * looked at. Orders of other providers older than this cannot be served yet.
   */
  frontier?: ReturnOrder | null;
}

/**
 * One provider account. Adapters speak the wire protocol through their client and map with pure
 * functions; they throw the errors of `returns/errors.ts` for expected failures.
 */
export interface ReturnProviderAdapter {
  readonly provider: ReturnProvider;
  readonly account: string;
  readonly features: ProviderFeatures;
  /** The provider's own create rules, checked before anything is sent. */
  validateCreate(command: CreateReturnOrderCommand): FieldViolation[];
  create(command: CreateReturnOrderCommand): Promise<CreateOutcome>;
  /**
   * Finds the order a previous, interrupted create may have made under this reference, so a retry
   * does not create it twice. `since` bounds the search (the attempt's start).
   */
  findByReference(reference: string, since: Date): Promise<ReturnOrder | null>;
  /** The reference the provider will carry for this command (the seller's, or the idempotency key). */
  referenceFor(command: CreateReturnOrderCommand): string | null;
  update?(order: ReturnOrder, command: UpdateReturnOrderCommand): Promise<ReturnOrder>;
  validateUpdate?(order: ReturnOrder, command: UpdateReturnOrderCommand): FieldViolation[];
  cancel(order: ReturnOrder, reason: string | null): Promise<ReturnOrder>;
  /** The create receipt of an order found again after an interrupted create. */
  receiptOf(order: ReturnOrder): { __typename: string };
  /** Batch lookup: answers in the order asked, null where the provider has no such order, an Error where that lookup failed. */
  getMany(requests: LookupRequest[]): Promise<LookupAnswer[]>;
  list(request: ListRequest): Promise<ListResult>;
  capabilitiesOf(order: ReturnOrder): OrderCapabilities;
  /** A cheap call proving the provider answers (for /readyz). */
  ping(): Promise<void>;
  /**
   * A push from the provider to `/webhooks/<provider>` (only where `features.receivesPushes`):
   * verify it against this account's credentials, dedupe, record, and answer in the provider's
   * format. The webhook route offers a push to each account of the provider until one handles it.
   */
  receivePush?(push: IncomingPush): Promise<PushOutcome>;
  /** A refusal in the provider's push-answer format, for pushes refused before reaching `receivePush` (too large). */
  refusePush?(status: number, message: string): PushReply;
}
