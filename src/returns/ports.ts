import type { FieldViolation } from "./errors.js";
import type { IncomingPush, PushReading, PushReply } from "../webhooks/types.js";
import type {
  CreateAttempt,
  CreateOutcome,
  CreateReturnOrderCommand,
  ProviderCreateCommand,
  OrderCapabilities,
  ReturnOrder,
  ReturnOrderFilter,
  ReturnProvider,
  UpdateReturnOrderCommand,
} from "./model.js";

/**
 * What a search for an interrupted attempt's order found. `byToken`: the orders carry the
 * attempt's token, so they are its own. Otherwise only the seller's reference could travel, and
 * the orders are those under it since the attempt began: the service matches them by content.
 */
export interface AttemptSearch {
  orders: ReturnOrder[];
  byToken: boolean;
}

/** What a provider's API can do at all; per-order answers come from `capabilitiesOf`. */
export interface ProviderFeatures {
  create: boolean;
  update: boolean;
  cancel: boolean;
  receivesPushes: boolean;
  /** The subgraph's store is the provider's only record of an order (it has no read API). */
  recordedHere?: boolean;
}

/** One place a return of an account can be sent: `code` is what `warehouseCode` takes on create. */
export interface ProviderWarehouse {
  code: string;
  name: string | null;
  country: string | null;
}

/** What a batch lookup answers per order: the order, null when the provider has none, or why that one lookup failed. */
export type LookupAnswer = ReturnOrder | null | Error;

/** A failed lookup as its answer, so that one failure (a call refused by the request's budget) leaves the others answered. */
export const failedLookup = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/** One order to fetch; `createdAt` is what the subgraph already knows of it (a provider whose lookups need a date window uses it). */
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
  /**
   * How many orders of this account match the filter in all, when the provider says so exactly
   * and applied every part of the filter itself; undefined or null otherwise.
   */
  total?: number | null;
}

/**
 * How the sync finds an account's changed orders. `window`: `list` filters by `updatedFrom`
 * upstream, so listing the window since the last run finds every change. `open-orders`: the
 * provider cannot, so the orders known here that are not final are read again (`reread`, else
 * `getMany`). `optIn`: only when the deployment asks for it (`RETURNS_SYNC_<PROVIDER>=1`).
 */
export interface ChangeTracking {
  by: "window" | "open-orders";
  optIn?: boolean;
}

/** What `returnProviders` shows of one account's sync. */
export interface AccountSyncState {
  provider: ReturnProvider;
  account: string;
  enabled: boolean;
  intervalSeconds: number | null;
  /** When the last successful run started: every change before it (less the overlap) is recorded. */
  syncedAt: Date | null;
  lastRunAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  /** Upstream calls of the last run (retries included). */
  lastRunCalls: number | null;
}

/** The sync's state per account, as the service shows it (the sync engine implements it). */
export interface SyncStatus {
  states(): Promise<AccountSyncState[]>;
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
  /**
   * Creates the order. With an attempt (an idempotent create), its token goes out where the
   * provider carries a value back, so `findAttempt` can find exactly this attempt's order.
   */
  create(command: ProviderCreateCommand, attempt: CreateAttempt | null): Promise<CreateOutcome>;
  /** The orders an interrupted attempt may have made, so a retry does not create it twice. */
  findAttempt(command: ProviderCreateCommand, attempt: CreateAttempt): Promise<AttemptSearch>;
  update?(order: ReturnOrder, command: UpdateReturnOrderCommand): Promise<ReturnOrder>;
  validateUpdate?(order: ReturnOrder, command: UpdateReturnOrderCommand): FieldViolation[];
  cancel(order: ReturnOrder, reason: string | null): Promise<ReturnOrder>;
  /** The create receipt of an order found again after an interrupted create. */
  receiptOf(order: ReturnOrder): { __typename: string };
  /** Batch lookup: answers in the order asked, null where the provider has no such order, an Error where that lookup failed. */
  getMany(requests: LookupRequest[]): Promise<LookupAnswer[]>;
  list(request: ListRequest): Promise<ListResult>;
  /** How the sync finds this account's changes; absent: the account is not synced. */
  readonly changeTracking?: ChangeTracking;
  /** Reads orders from the provider itself, for a provider whose `getMany` answers from this store. */
  reread?(requests: LookupRequest[]): Promise<LookupAnswer[]>;
  capabilitiesOf(order: ReturnOrder): OrderCapabilities;
  /**
   * Where a return can go, from the provider's own API; absent where the provider has none (the
   * account's `warehouses` setting answers then). The service caches the answer per account.
   */
  warehouses?(): Promise<ProviderWarehouse[]>;
  /**
   * Reads a push from the provider to `/webhooks/<provider>` (only where `features.receivesPushes`):
   * verifies it against this account's credentials and says what it means. The webhook module
   * applies it (one transaction for every provider); the route offers a push to each account of
   * the provider until one takes it.
   */
  readPush?(push: IncomingPush): Promise<PushReading>;
  /** A refusal in the provider's push-answer format, for pushes refused before reaching `readPush` (too large). */
  refusePush?(status: number, message: string): PushReply;
}

/**
 * The provider accounts this deployment serves, as the service sees them: the registry implements
 * it, so the domain never learns how adapters are built.
 */
export interface AccountDirectory {
  get(provider: ReturnProvider, account: string): ReturnProviderAdapter | undefined;
  all(): ReturnProviderAdapter[];
  /** The accounts of one provider, sorted. */
  accountsOf(provider: ReturnProvider): string[];
  /** The providers that have at least one account. */
  providers(): ReturnProvider[];
  /** The account's `warehouses` setting (for providers without a warehouse API); undefined when it has none. */
  configuredWarehouses?(provider: ReturnProvider, account: string): ProviderWarehouse[] | undefined;
}
