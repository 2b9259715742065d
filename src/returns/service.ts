import { createHash } from "node:crypto";
import DataLoader from "dataloader";
import pLimit from "p-limit";
import { Caller } from "../auth/caller.js";
import type { Logger } from "../logger.js";
import type { ListResult, ReturnProviderAdapter } from "../providers/adapter.js";
import type { ProviderRegistry } from "../providers/registry.js";
import type { Store } from "../store/index.js";
import { canonicalFilter, decodeCursor, encodeCursor, filterFingerprint, type Positions } from "./cursor.js";
import {
  IdempotencyConflictError,
  InvalidInputError,
  InvalidStateError,
  NotFoundError,
  NotSupportedError,
  ProviderRejectedError,
  ProviderUnavailableError,
  ReturnsError,
  UpstreamBudgetExceededError,
} from "./errors.js";
import { decodeOrderId } from "./ids.js";
import { InFlight } from "./in-flight.js";
import { mergeSlices, type SourceSlice } from "./merge.js";
import {
  keyString,
  type CreateOutcome,
  type CreateReturnOrderCommand,
  type OrderCapabilities,
  type OrderKey,
  type ReturnOrder,
  type ReturnOrderEvent,
  type ReturnOrderFilter,
  type ReturnProvider,
  type UpdateReturnOrderCommand,
} from "./model.js";
import { fromSnapshot, toSnapshot } from "./snapshot.js";

export const MAX_PAGE_SIZE = 100;
/** Provider accounts one page reads at the same time. */
const MAX_ACCOUNTS_AT_ONCE = 8;

/** Everything one request carries into the service: who asks, and its request-scoped loaders. */
export interface Loaders {
  caller: Caller;
  orders: DataLoader<OrderKey, ReturnOrder | null, string>;
  events: DataLoader<OrderKey, ReturnOrderEvent[], string>;
  /** What `events` has already loaded, by `keyString`: readable without awaiting; cleared with it. */
  loadedEvents: Map<string, ReturnOrderEvent[]>;
}

export interface ProviderFailure {
  provider: ReturnProvider;
  account: string;
  code: string;
  message: string;
}

export interface ReturnOrderPage {
  edges: { cursor: string; node: ReturnOrder }[];
  endCursor: string | null;
  hasNextPage: boolean;
  providerErrors: ProviderFailure[];
}

export interface ServiceOptions {
  /** How long a create waits for another in-flight create with the same key. */
  inFlightWaitMs: number;
  /** Turns request batching off; exists only so the benchmark can measure what batching saves. */
  batching: boolean;
  /** Observes DataLoader batch sizes (metrics). */
  onBatch?: (loader: "orders" | "events", size: number) => void;
  /** Test hook: runs after the provider created an order and before it is recorded. */
  afterProviderCreate?: (order: ReturnOrder) => void | Promise<void>;
}

export class PageSizeError extends Error {
  readonly code = "BAD_USER_INPUT";
}

/**
 * The unified rules, in one place: ids, account resolution, capability checks, idempotent
 * creates, merged paging, and what gets recorded. Adapters do the provider talk.
 */
export class ReturnOrderService {
  /**
   * List slices being read right now, shared by identical concurrent pages (never kept after).
   * The request that starts a slice pays its calls; one that joins and sees it refused by the
   * starter's call budget reads the slice on its own budget.
   */
  private readonly listing = new InFlight<ListResult>({ retryAloneWhen: (error) => error instanceof UpstreamBudgetExceededError });

  constructor(
    private readonly registry: ProviderRegistry,
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly options: ServiceOptions = { inFlightWaitMs: 10_000, batching: true },
  ) {}

  /**
   * Request-scoped loaders: each key fetched once per request, one provider batch per account.
   * Orders of accounts the caller may not see load as null, whatever path asks for them.
   */
  createLoaders(caller: Caller = Caller.trusted("internal")): Loaders {
    const batch = this.options.batching;
    const loadedEvents = new Map<string, ReturnOrderEvent[]>();
    return {
      caller,
      orders: new DataLoader((keys) => {
        this.options.onBatch?.("orders", keys.length);
        return this.loadOrders(keys.map((k) => (caller.allows(k.provider, k.account) ? k : null)));
      }, {
        cacheKeyFn: keyString,
        batch,
      }),
      events: new DataLoader(
        async (keys) => {
          this.options.onBatch?.("events", keys.length);
          const events = await this.store.orders.eventsOf([...keys]);
          return keys.map((k) => {
            const key = keyString(k);
            const found = events.get(key) ?? [];
            loadedEvents.set(key, found);
            return found;
          });
        },
        { cacheKeyFn: keyString, batch },
      ),
      loadedEvents,
    };
  }

  private async loadOrders(requested: readonly (OrderKey | null)[]): Promise<(ReturnOrder | null | Error)[]> {
    const keys = requested.filter((k): k is OrderKey => k !== null);
    const known = await this.store.orders.lookup(keys);
    const groups = new Map<string, { adapter: ReturnProviderAdapter; keys: OrderKey[] }>();
    for (const key of keys) {
      const adapter = this.registry.get(key.provider, key.account);
      if (!adapter) continue;
      const id = `${key.provider}/${key.account}`;
      const group = groups.get(id) ?? { adapter, keys: [] };
      group.keys.push(key);
      groups.set(id, group);
    }
    const found = new Map<string, ReturnOrder | null | Error>();
    await Promise.all(
      [...groups.values()].map(async ({ adapter, keys: groupKeys }) => {
        try {
          const orders = await adapter.getMany(
            groupKeys.map((k) => ({ providerOrderNo: k.providerOrderNo, createdAt: known.get(keyString(k))?.createdAt ?? null })),
          );
          groupKeys.forEach((k, i) => found.set(keyString(k), orders[i] ?? null));
          await this.observe(orders.filter((o): o is ReturnOrder => o != null && !(o instanceof Error)));
        } catch (error) {
          for (const k of groupKeys) found.set(keyString(k), error instanceof Error ? error : new Error(String(error)));
        }
      }),
    );
    return requested.map((k) => (k ? (found.get(keyString(k)) ?? null) : null));
  }

  /** The adapters this caller may use. */
  private visible(caller: Caller): ReturnProviderAdapter[] {
    return this.registry.all().filter((a) => caller.allows(a.provider, a.account));
  }

  private accountsFor(provider: ReturnProvider, caller: Caller): string[] {
    return this.registry.accountsOf(provider).filter((account) => caller.allows(provider, account));
  }

  /** Records what a read showed; a failing store must not fail the read. */
  private async observe(orders: ReturnOrder[]): Promise<void> {
    try {
      await this.store.orders.record(orders, "OBSERVED");
    } catch (error) {
      this.logger.warn({ err: error }, "could not record observed orders");
    }
  }

  async get(id: string, loaders: Loaders): Promise<ReturnOrder | null> {
    const key = decodeOrderId(id);
    if (!key || !this.registry.get(key.provider, key.account)) return null;
    return loaders.orders.load(key);
  }

  /** The `provider providerOrderNo` entity key: the account is found from the index, else tried in turn. */
  async getByNumber(provider: ReturnProvider, providerOrderNo: string, loaders: Loaders): Promise<ReturnOrder | null> {
    const accounts = this.accountsFor(provider, loaders.caller);
    if (accounts.length === 0) return null;
    if (accounts.length === 1) return loaders.orders.load({ provider, account: accounts[0]!, providerOrderNo });
    const indexed = (await this.store.orders.accountsOf(provider, providerOrderNo)).filter((a) => accounts.includes(a));
    for (const account of indexed.length > 0 ? indexed : accounts) {
      const order = await loaders.orders.load({ provider, account, providerOrderNo });
      if (order) return order;
    }
    return null;
  }

  capabilitiesOf(order: ReturnOrder): OrderCapabilities {
    const adapter = this.registry.get(order.provider, order.account);
    return adapter ? adapter.capabilitiesOf(order) : { canUpdate: false, canCancel: false, reasons: [`${order.provider} is not configured here.`] };
  }

  providerInfo(caller: Caller) {
    const visible = this.visible(caller);
    return this.registry.providers().flatMap((provider) => {
      const adapter = visible.find((a) => a.provider === provider);
      if (!adapter) return [];
      return {
        provider,
        accounts: this.accountsFor(provider, caller),
        canCreate: adapter.features.create,
        canUpdate: adapter.features.update,
        canCancel: adapter.features.cancel,
        receivesPushes: adapter.features.receivesPushes,
      };
    });
  }

  async list(
    filter: ReturnOrderFilter & { providers?: ReturnProvider[] | null },
    first: number,
    after: string | null | undefined,
    loaders: Loaders,
  ): Promise<ReturnOrderPage> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
      throw new PageSizeError(`\`first\` must be between 1 and ${MAX_PAGE_SIZE}; got ${first}.`);
    }
    const fingerprint = filterFingerprint(filter);
    const sameFilter = canonicalFilter(filter);
    const base: Positions = after ? decodeCursor(after, fingerprint) : {};
    const adapters = this.visible(loaders.caller).filter((a) => !filter.providers?.length || filter.providers.includes(a.provider));
    const providerErrors: ProviderFailure[] = [];
    const slices: SourceSlice[] = [];
    // Per page, not per process: a limit shared by all requests would queue one request's
    // provider calls behind another's (each held for a provider's whole latency). Each account's
    // total is bounded by its HTTP client.
    const fanOut = pLimit(MAX_ACCOUNTS_AT_ONCE);
    await Promise.all(
      adapters.map((adapter) =>
        fanOut(async () => {
          const source = `${adapter.provider}/${adapter.account}`;
          const start = base[source] ?? 0;
          if (start === "done") return;
          try {
            // Visibility was checked above: the call itself does not depend on who asks.
            const result = await this.listing.run(`${source}\u0000${start}\u0000${first}\u0000${sameFilter}`, () => adapter.list({ filter, offset: start, limit: first }));
            slices.push({ source, start, result });
          } catch (error) {
            providerErrors.push(this.failureOf(adapter, error));
          }
        }),
      ),
    );
    slices.sort((a, b) => (a.source < b.source ? -1 : 1));
    for (const adapter of adapters) {
      const source = `${adapter.provider}/${adapter.account}`;
      if (base[source] === undefined) base[source] = 0;
    }
    const merged = mergeSlices(slices, first, base);
    const orders = merged.edges.map((e) => e.order);
    for (const order of orders) loaders.orders.prime(order, order);
    await this.observe(orders);
    return {
      // Encoded only when asked for: most pages select `nodes`, not every edge's cursor.
      edges: merged.edges.map((e) => ({
        node: e.order,
        get cursor() {
          return encodeCursor(fingerprint, e.positions);
        },
      })),
      endCursor: merged.edges.length > 0 || merged.hasNextPage ? encodeCursor(fingerprint, merged.end) : null,
      hasNextPage: merged.hasNextPage || providerErrors.length > 0,
      providerErrors: providerErrors.sort((a, b) => `${a.provider}/${a.account}`.localeCompare(`${b.provider}/${b.account}`)),
    };
  }

  private failureOf(adapter: ReturnProviderAdapter, error: unknown): ProviderFailure {
    if (error instanceof ReturnsError) {
      return { provider: adapter.provider, account: adapter.account, code: error.code, message: error.message };
    }
    this.logger.error({ err: error, provider: adapter.provider, account: adapter.account }, "provider list failed unexpectedly");
    return { provider: adapter.provider, account: adapter.account, code: "PROVIDER_UNAVAILABLE", message: `${adapter.provider} could not be read.` };
  }

  private adapterFor(provider: ReturnProvider, account: string | null | undefined, caller: Caller): ReturnProviderAdapter {
    // Accounts the caller may not use are answered exactly like accounts that do not exist.
    const accounts = this.accountsFor(provider, caller);
    if (accounts.length === 0) throw new NotSupportedError(provider, `${provider} is not available in this deployment.`);
    if (!account) {
      if (accounts.length > 1) {
        throw new InvalidInputError([{ field: ["input", "account"], message: `${provider} has several accounts here (${accounts.join(", ")}); name one` }]);
      }
      return this.registry.get(provider, accounts[0]!)!;
    }
    const adapter = accounts.includes(account) ? this.registry.get(provider, account) : undefined;
    if (!adapter) throw new InvalidInputError([{ field: ["input", "account"], message: `${provider} has no account "${account}" here` }]);
    return adapter;
  }

  async create(
    command: Omit<CreateReturnOrderCommand, "account"> & { account?: string | null },
    caller: Caller = Caller.trusted("internal"),
  ): Promise<CreateOutcome> {
    const adapter = this.adapterFor(command.provider, command.account, caller);
    if (!adapter.features.create) throw new NotSupportedError(command.provider, `${command.provider} cannot create return orders through its API.`);
    const full: CreateReturnOrderCommand = { ...command, account: adapter.account };
    const violations = adapter.validateCreate(full);
    if (violations.length > 0) throw new InvalidInputError(violations);
    if (!full.idempotencyKey) return this.createAndRecord(adapter, full);
    return this.createIdempotently(adapter, full, `${caller.idempotencyNamespace}${full.idempotencyKey}`);
  }

  private async createAndRecord(adapter: ReturnProviderAdapter, command: CreateReturnOrderCommand): Promise<CreateOutcome> {
    const outcome = await adapter.create(command);
    await this.options.afterProviderCreate?.(outcome.order);
    await this.store.orders.record([outcome.order], "MUTATION", new Date(), true);
    return outcome;
  }

  private async createIdempotently(adapter: ReturnProviderAdapter, command: CreateReturnOrderCommand, key: string): Promise<CreateOutcome> {
    const { idempotencyKey: _omit, ...request } = command;
    const hash = createHash("sha256").update(stableJson(request)).digest("hex");
    const scope = { provider: adapter.provider, account: adapter.account, reference: adapter.referenceFor(command) };
    const deadline = Date.now() + this.options.inFlightWaitMs;
    for (;;) {
      const begun = await this.store.idempotency.begin(key, hash, scope);
      switch (begun.kind) {
        case "conflict":
          throw new IdempotencyConflictError();
        case "replay":
          return decodeOutcome(begun.result);
        case "in-progress":
          if (Date.now() >= deadline) {
            throw new ProviderUnavailableError(adapter.provider, adapter.account, "another request with this idempotency key is still running; retry shortly", true);
          }
          await new Promise((r) => setTimeout(r, 100));
          continue;
        case "resumed": {
          // The last attempt stopped between calling out and recording: did it create the order?
          const existing = begun.reference ? await this.findPrevious(adapter, begun.reference, begun.startedAt, key) : null;
          if (existing) {
            const outcome = { order: existing, receipt: adapter.receiptOf(existing) };
            await this.store.orders.record([existing], "MUTATION", new Date(), true);
            await this.store.idempotency.complete(key, encodeOutcome(outcome));
            return outcome;
          }
          return this.attempt(adapter, command, key);
        }
        case "started":
          return this.attempt(adapter, command, key);
      }
    }
  }

  private async findPrevious(adapter: ReturnProviderAdapter, reference: string, startedAt: Date, key: string): Promise<ReturnOrder | null> {
    try {
      const found = await adapter.findByReference(reference, startedAt);
      // An older order with the same seller reference is not this attempt's.
      if (found?.createdAt && found.createdAt.getTime() < startedAt.getTime() - 5 * 60_000) return null;
      return found;
    } catch (error) {
      await this.store.idempotency.release(key);
      throw error;
    }
  }

  private async attempt(adapter: ReturnProviderAdapter, command: CreateReturnOrderCommand, key: string): Promise<CreateOutcome> {
    let outcome: CreateOutcome;
    try {
      outcome = await adapter.create(command);
    } catch (error) {
      if (error instanceof ProviderRejectedError || error instanceof InvalidInputError) {
        await this.store.idempotency.abandon(key); // nothing was created: the key is free again
      } else {
        await this.store.idempotency.release(key); // unknown outcome: the next attempt looks first
      }
      throw error;
    }
    await this.options.afterProviderCreate?.(outcome.order);
    await this.store.orders.record([outcome.order], "MUTATION", new Date(), true);
    await this.store.idempotency.complete(key, encodeOutcome(outcome));
    return outcome;
  }

  private async existing(id: string, loaders: Loaders): Promise<{ adapter: ReturnProviderAdapter; order: ReturnOrder }> {
    const key = decodeOrderId(id);
    const adapter = key ? this.registry.get(key.provider, key.account) : undefined;
    if (!key || !adapter) throw new NotFoundError();
    const order = await loaders.orders.load(key);
    if (!order) throw new NotFoundError();
    return { adapter, order };
  }

  async update(id: string, command: UpdateReturnOrderCommand, loaders: Loaders): Promise<ReturnOrder> {
    const { adapter, order } = await this.existing(id, loaders);
    if (!adapter.features.update || !adapter.update) {
      throw new NotSupportedError(order.provider, `${order.provider}'s API cannot change a return order after it is created.`);
    }
    const violations = adapter.validateUpdate?.(order, command) ?? [];
    if (violations.length > 0) throw new InvalidInputError(violations);
    const capabilities = adapter.capabilitiesOf(order);
    if (!capabilities.canUpdate) throw new InvalidStateError(capabilities.reasons.join(" "), order.providerStatus);
    const updated = await adapter.update(order, command);
    return this.afterMutation(updated, loaders);
  }

  async cancel(id: string, reason: string | null, loaders: Loaders): Promise<ReturnOrder> {
    const { adapter, order } = await this.existing(id, loaders);
    if (!adapter.features.cancel) throw new NotSupportedError(order.provider, `${order.provider}'s API cannot cancel a return order.`);
    const capabilities = adapter.capabilitiesOf(order);
    if (!capabilities.canCancel) throw new InvalidStateError(capabilities.reasons.join(" "), order.providerStatus);
    const cancelled = await adapter.cancel(order, reason);
    return this.afterMutation(cancelled, loaders);
  }

  private async afterMutation(order: ReturnOrder, loaders: Loaders): Promise<ReturnOrder> {
    // The snapshot follows the mutation, as on create: it is the record itself for store-backed providers.
    await this.store.orders.record([order], "MUTATION", new Date(), true);
    loaders.orders.clear(order).prime(order, order);
    loaders.events.clear(order);
    loaders.loadedEvents.delete(keyString(order));
    return order;
  }
}

function encodeOutcome(outcome: CreateOutcome): unknown {
  return { order: toSnapshot(outcome.order), receipt: outcome.receipt };
}

function decodeOutcome(stored: unknown): CreateOutcome {
  const value = stored as { order: unknown; receipt: CreateOutcome["receipt"] };
  return { order: fromSnapshot(value.order), receipt: value.receipt };
}

/** JSON with sorted keys and no undefined: equal inputs hash equally. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined && x !== null).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
