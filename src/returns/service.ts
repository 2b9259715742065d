import { Caller } from "../auth/caller.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/index.js";
import { CallerAccounts } from "./accounts.js";
import { Creates } from "./create.js";
import { EventFeed, type EventPage } from "./feed.js";
import { InvalidInputError, InvalidStateError, NotFoundError, NotSupportedError } from "./errors.js";
import { decodeOrderId } from "./ids.js";
import { RequestLoaders, type Loaders } from "./loaders.js";
import { MergedListing, type ReturnOrderPage } from "./listing.js";
import {
  keyString,
  type CreateOutcome,
  type CreateReturnOrderCommand,
  type OrderCapabilities,
  type ReturnOrder,
  type ReturnOrderEvent,
  type ReturnOrderEventFilter,
  type ReturnOrderFilter,
  type ReturnProvider,
  type UpdateReturnOrderCommand,
} from "./model.js";
import type { AccountDirectory, AccountSyncState, ReturnProviderAdapter, SyncStatus } from "./ports.js";
import { OrderRecorder, whenStoreDown } from "./recording.js";
import { sentAfterUpdate, withRecorded, type SentOrder } from "./sent.js";
import { WarehouseCatalog, type ReturnWarehouse } from "./warehouses.js";

export type { Loaders } from "./loaders.js";
export { MAX_PAGE_SIZE, PageSizeError, type ProviderFailure, type ReturnOrderPage } from "./listing.js";

export interface ServiceOptions {
  /** How long a create waits for another in-flight create with the same key. */
  inFlightWaitMs: number;
  /** Turns request batching off; exists only so the benchmark can measure what batching saves. */
  batching: boolean;
  /** Observes DataLoader batch sizes (metrics). */
  onBatch?: (loader: "orders" | "events", size: number) => void;
  /** The sync's state per account, for `returnProviders`; none: every account shows as not synced. */
  syncStatus?: SyncStatus;
  /** How long an account's warehouse list from its provider is reused. */
  warehousesCacheMs?: number;
}

/**
 * The unified rules, in one place: ids, account resolution, capability checks, and what gets
 * recorded. Request loaders, the merged listing and idempotent creates have a module each;
 * adapters do the provider talk.
 */
export class ReturnOrderService {
  private readonly recorder: OrderRecorder;
  private readonly loaders: RequestLoaders;
  private readonly listing: MergedListing;
  private readonly creates: Creates;
  private readonly feed: EventFeed;
  private readonly warehouseCatalog: WarehouseCatalog;

  constructor(
    private readonly directory: AccountDirectory,
    private readonly store: Store,
    logger: Logger,
    private readonly options: ServiceOptions = { inFlightWaitMs: 10_000, batching: true },
  ) {
    this.recorder = new OrderRecorder(store, logger);
    this.loaders = new RequestLoaders(directory, store, this.recorder, options);
    this.listing = new MergedListing(this.recorder, logger);
    this.creates = new Creates(store, this.recorder, logger, options);
    this.feed = new EventFeed(directory, store);
    this.warehouseCatalog = new WarehouseCatalog(directory, options.warehousesCacheMs ?? 300_000, Date.now, logger);
  }

  createLoaders(caller: Caller = Caller.trusted("internal")): Loaders {
    return this.loaders.create(caller);
  }

  async get(id: string, loaders: Loaders): Promise<ReturnOrder | null> {
    const key = decodeOrderId(id);
    if (!key || !this.directory.get(key.provider, key.account)) return null;
    return loaders.orders.load(key);
  }

  /** The `provider providerOrderNo` entity key: the account is found from the index, else tried in turn. */
  async getByNumber(provider: ReturnProvider, providerOrderNo: string, loaders: Loaders): Promise<ReturnOrder | null> {
    const accounts = new CallerAccounts(this.directory, loaders.caller).of(provider);
    if (accounts.length === 0) return null;
    if (accounts.length === 1) return loaders.orders.load({ provider, account: accounts[0]!, providerOrderNo });
    const indexed = (await whenStoreDown(this.store.orders.accountsOf(provider, providerOrderNo), [])).filter((a) => accounts.includes(a));
    for (const account of indexed.length > 0 ? indexed : accounts) {
      const order = await loaders.orders.load({ provider, account, providerOrderNo });
      if (order) return order;
    }
    return null;
  }

  capabilitiesOf(order: ReturnOrder): OrderCapabilities {
    const adapter = this.directory.get(order.provider, order.account);
    return adapter ? adapter.capabilitiesOf(order) : { canUpdate: false, canCancel: false, reasons: [`${order.provider} is not configured here.`] };
  }

  async providerInfo(caller: Caller) {
    const accounts = new CallerAccounts(this.directory, caller);
    const visible = accounts.adapters();
    const sync: AccountSyncState[] = (await this.options.syncStatus?.states()) ?? [];
    return this.directory.providers().flatMap((provider) => {
      const adapter = visible.find((a) => a.provider === provider);
      if (!adapter) return [];
      return {
        provider,
        accounts: accounts.of(provider),
        canCreate: adapter.features.create,
        canUpdate: adapter.features.update,
        canCancel: adapter.features.cancel,
        receivesPushes: adapter.features.receivesPushes,
        sync: accounts.of(provider).map(
          (account) =>
            sync.find((s) => s.provider === provider && s.account === account) ?? {
              account,
              enabled: false,
              intervalSeconds: null,
              syncedAt: null,
              lastRunAt: null,
              lastError: null,
              lastErrorAt: null,
              lastRunCalls: null,
            },
        ),
      };
    });
  }

  /**
   * Where a return of the account can go. The account defaults to the provider's only one (as on
   * create); an account the caller may not use lists nothing, exactly like one that does not exist.
   */
  async warehouses(provider: ReturnProvider, account: string | null | undefined, caller: Caller): Promise<ReturnWarehouse[]> {
    const accounts = new CallerAccounts(this.directory, caller);
    const visible = accounts.of(provider);
    if (visible.length === 0 || (account && !visible.includes(account))) return [];
    return this.warehouseCatalog.of(accounts.adapterFor(provider, account));
  }

  list(
    filter: ReturnOrderFilter & { providers?: ReturnProvider[] | null },
    first: number,
    after: string | null | undefined,
    loaders: Loaders,
  ): Promise<ReturnOrderPage> {
    return this.listing.page(new CallerAccounts(this.directory, loaders.caller).adapters(), filter, first, after, loaders);
  }

  /** The change feed, as far as the caller may see (`returnOrderEvents`). */
  events(filter: ReturnOrderEventFilter, first: number, after: string | null | undefined, loaders: Loaders): Promise<EventPage> {
    return this.feed.page(filter, first, after, loaders.caller);
  }

  /** One event of the feed by its id; null when there is none or the caller may not see it. */
  event(id: string, loaders: Loaders): Promise<ReturnOrderEvent | null> {
    return this.feed.one(id, loaders.caller);
  }

  async create(
    command: Omit<CreateReturnOrderCommand, "account"> & { account?: string | null },
    caller: Caller = Caller.trusted("internal"),
  ): Promise<CreateOutcome> {
    // Accounts the caller may not use are answered exactly like accounts that do not exist.
    const adapter = new CallerAccounts(this.directory, caller).adapterFor(command.provider, command.account);
    if (!adapter.features.create) throw new NotSupportedError(command.provider, `${command.provider} cannot create return orders through its API.`);
    const { idempotencyKey, ...request } = { ...command, account: adapter.account };
    const violations = adapter.validateCreate(request);
    if (violations.length > 0) throw new InvalidInputError(violations);
    if (!idempotencyKey) return this.creates.once(adapter, request);
    const recordKey = caller.idempotencyRecordKey(idempotencyKey);
    if (!recordKey) {
      throw new InvalidInputError([
        { field: ["idempotencyKey"], message: "this token has no subject (`sub`) to own an idempotency key; send one, or create without a key" },
      ]);
    }
    return this.creates.idempotently(adapter, request, recordKey);
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
    // What a mutation does is recorded: without the store it is not started.
    await this.store.ping();
    // Read from the store itself: an outage stops the update here, where the recorder's "nothing
    // known" would be taken for "nothing sent" and the update's fields would replace the create's.
    const known = (await this.store.orders.lookup([order])).get(keyString(order));
    const updated = await adapter.update(order, command);
    // Answered as the provider now holds it (its own change time, received quantities): what an
    // update answer shows is not the whole order. The change is done, so a failed read falls back.
    const [reread] = await adapter.getMany([{ providerOrderNo: updated.providerOrderNo, createdAt: updated.createdAt }]).catch(() => [null]);
    const now = reread && !(reread instanceof Error) ? reread : updated;
    return this.afterMutation(adapter, now, "changed", loaders, { referenceNo: known?.referenceNo ?? null, sent: sentAfterUpdate(known?.sent, command) });
  }

  async cancel(id: string, reason: string | null, loaders: Loaders): Promise<ReturnOrder> {
    const { adapter, order } = await this.existing(id, loaders);
    if (!adapter.features.cancel) throw new NotSupportedError(order.provider, `${order.provider}'s API cannot cancel a return order.`);
    const capabilities = adapter.capabilitiesOf(order);
    if (!capabilities.canCancel) throw new InvalidStateError(capabilities.reasons.join(" "), order.providerStatus);
    await this.store.ping();
    const known = (await this.recorder.known([order])).get(keyString(order));
    const cancelled = await adapter.cancel(order, reason);
    return this.afterMutation(adapter, cancelled, "cancelled", loaders, { referenceNo: known?.referenceNo ?? null, sent: known?.sent ?? null }, reason);
  }

  private async existing(id: string, loaders: Loaders): Promise<{ adapter: ReturnProviderAdapter; order: ReturnOrder }> {
    const key = decodeOrderId(id);
    const adapter = key ? this.directory.get(key.provider, key.account) : undefined;
    if (!key || !adapter) throw new NotFoundError();
    const order = await loaders.orders.load(key);
    if (!order) throw new NotFoundError();
    return { adapter, order };
  }

  /**
   * Records the order as the provider now holds it (`order`, read back by the adapter) and answers
   * it as the next read will show it: with what was sent (now `recorded.sent`) filling its gaps.
   * The caller's `reason` (a cancel's) is kept with the event.
   */
  private async afterMutation(
    adapter: ReturnProviderAdapter,
    order: ReturnOrder,
    done: "changed" | "cancelled",
    loaders: Loaders,
    recorded: { referenceNo: string | null; sent: SentOrder | null },
    reason: string | null = null,
  ): Promise<ReturnOrder> {
    // The snapshot follows the mutation, as on create: it is the record itself for store-backed providers.
    await this.recorder.mutation(order, { done, recordedHere: adapter.features.recordedHere, sent: recorded.sent ?? undefined, reason });
    const answer = withRecorded(order, recorded);
    loaders.orders.clear(answer).prime(answer, answer);
    loaders.events.clear(answer);
    loaders.loadedEvents.delete(keyString(answer));
    return answer;
  }
}
