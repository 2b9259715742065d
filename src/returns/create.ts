import { createHash } from "node:crypto";
import type { Logger } from "../logger.js";
import { StoreUnavailableError } from "../store/health.js";
import type { IdempotencyScope, PendingPeer } from "../store/idempotency.js";
import type { Store } from "../store/index.js";
import { couldBeAttempt, newAttemptToken } from "./create-attempt.js";
import { IdempotencyConflictError, InvalidInputError, ProviderRejectedError, ProviderUnavailableError } from "./errors.js";
import { keyString, type CreateAttempt, type CreateOutcome, type ProviderCreateCommand, type ReturnOrder } from "./model.js";
import type { ReturnProviderAdapter } from "./ports.js";
import type { OrderRecorder } from "./recording.js";
import { sentOfCreate, sentOfCreated, withSent } from "./sent.js";
import { fromSnapshot, toSnapshot } from "./snapshot.js";
import { stableJson } from "./stable-json.js";

export interface CreateOptions {
  /** How long a create waits for another in-flight create with the same key. */
  inFlightWaitMs: number;
}

/**
 * Creates, once. Without a key: one call, its order claimed and recorded. Under a key: the
 * idempotency record is written before the provider is called and its lease held while the
 * attempt runs; a replay answers the first result, and a retry after an interrupted attempt
 * takes the order that attempt made (and only that order) before it creates again.
 */
export class Creates {
  constructor(
    private readonly store: Store,
    private readonly recorder: OrderRecorder,
    private readonly logger: Logger,
    private readonly options: CreateOptions,
  ) {}

  async once(adapter: ReturnProviderAdapter, request: ProviderCreateCommand): Promise<CreateOutcome> {
    // What a mutation does is recorded: without the store it is not started. Registered while it
    // runs, so that a resumed create of the same sales order does not take its order meanwhile.
    const scope = scopeOf(adapter, request, newAttemptToken());
    const registered = request.referenceNo ? await this.store.idempotency.registerUnkeyed(hashOf(request), scope) : null;
    if (!registered) await this.store.ping();
    try {
      const outcome = answered(await this.withLease(registered, scope.token, () => adapter.create(request, null)), request);
      await this.recorder.mutation(outcome.order, {
        done: "created",
        recordedHere: adapter.features.recordedHere,
        sent: sentOfCreated(request, outcome.order),
        before: async () => {
          if (!(await this.store.idempotency.claim(outcome.order, null))) this.logClaimLost(outcome.order, null);
        },
      });
      return outcome;
    } finally {
      if (registered) await this.store.idempotency.forgetUnkeyed(registered).catch(() => undefined);
    }
  }

  /** `key` is the idempotency record's name (the caller's key in its owner's namespace). */
  async idempotently(adapter: ReturnProviderAdapter, request: ProviderCreateCommand, key: string): Promise<CreateOutcome> {
    const hash = hashOf(request);
    const scope = scopeOf(adapter, request, newAttemptToken());
    // This attempt's own name: the lease is held by one attempt, not by the record.
    const holder = newAttemptToken();
    const deadline = Date.now() + this.options.inFlightWaitMs;
    for (;;) {
      const begun = await this.store.idempotency.begin(key, hash, scope, holder);
      switch (begun.kind) {
        case "conflict":
          throw new IdempotencyConflictError();
        case "replay":
          return decodeOutcome(begun.result);
        case "in-progress":
          if (Date.now() >= deadline) {
            throw new ProviderUnavailableError(
              adapter.provider,
              adapter.account,
              "another request with this idempotency key is still running; retry shortly",
              true,
            );
          }
          await new Promise((r) => setTimeout(r, 100));
          continue;
        case "resumed":
          return this.resume(adapter, request, key, holder, { ...scope, token: begun.token }, { token: begun.token, startedAt: begun.startedAt });
        case "started":
          return this.attempt(adapter, request, key, holder, { token: scope.token, startedAt: new Date() });
      }
    }
  }

  /**
   * The last attempt stopped between calling out and recording: take the order it made, if it
   * made one, and only that order. Never one another create made, and never a guess: while
   * another create of the same sales order is in flight the answer is a retryable "unavailable";
   * when the provider holds orders this attempt could have made that cannot be told apart, the
   * answer says so (not retryable: retrying cannot tell them apart either).
   */
  private async resume(
    adapter: ReturnProviderAdapter,
    request: ProviderCreateCommand,
    key: string,
    holder: string,
    scope: IdempotencyScope,
    attempt: CreateAttempt,
  ): Promise<CreateOutcome> {
    let mine: ReturnOrder | null;
    try {
      const search = await adapter.findAttempt(request, attempt);
      const candidates = search.byToken ? search.orders : search.orders.filter((o) => couldBeAttempt(o, request, attempt));
      const others = await this.store.idempotency.claimedByOthers(candidates, key);
      const unclaimed = candidates.filter((o) => !others.has(keyString(o)));
      mine = search.byToken
        ? (unclaimed[0] ?? null)
        : this.pick(adapter, unclaimed, await this.store.idempotency.peers(key, scope, hashOf(request)), key, attempt);
      if (mine && !(await this.store.idempotency.claim(mine, key))) {
        throw new ProviderUnavailableError(adapter.provider, adapter.account, "another create took the order meanwhile; retry shortly", true);
      }
    } catch (error) {
      await this.store.idempotency.release(key, holder);
      throw error;
    }
    if (!mine) return this.attempt(adapter, request, key, holder, attempt);
    const outcome = answered({ order: mine, receipt: adapter.receiptOf(mine) }, request);
    await this.store.orders.record([outcome.order], "MUTATION", { keepSnapshot: true, sent: sentOfCreated(request, outcome.order) });
    await this.store.idempotency.complete(key, encodeOutcome(outcome));
    return outcome;
  }

  /**
   * Of the unclaimed orders under the seller's reference that match this attempt, its own. Other
   * interrupted creates of the very same request are its twins: as many orders as twins are
   * theirs, given oldest to oldest (they cannot be told apart, so any fair pairing is true).
   */
  private pick(adapter: ReturnProviderAdapter, unclaimed: ReturnOrder[], peers: PendingPeer[], key: string, attempt: CreateAttempt): ReturnOrder | null {
    if (peers.some((p) => p.live)) {
      throw new ProviderUnavailableError(
        adapter.provider,
        adapter.account,
        "another create of a return for the same sales order is running; retry shortly",
        true,
      );
    }
    if (unclaimed.length === 0) return null;
    const twins = [
      ...peers.filter((p) => p.sameRequest && !p.unkeyed).map((p) => ({ key: p.key, at: p.createdAt.getTime() })),
      { key, at: attempt.startedAt.getTime() },
    ];
    twins.sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : 1));
    if (unclaimed.length === twins.length) {
      const oldestFirst = [...unclaimed].sort(
        (a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0) || (a.providerOrderNo < b.providerOrderNo ? -1 : 1),
      );
      return oldestFirst[twins.findIndex((t) => t.key === key)]!;
    }
    throw new ProviderUnavailableError(
      adapter.provider,
      adapter.account,
      `an earlier attempt of this create was interrupted, and the provider holds ${unclaimed.length} orders (${unclaimed
        .map((o) => o.providerOrderNo)
        .join(", ")}) under its reference that cannot be told apart from it; which is its own needs a person to decide`,
      false,
    );
  }

  private async attempt(
    adapter: ReturnProviderAdapter,
    request: ProviderCreateCommand,
    key: string,
    holder: string,
    attempt: CreateAttempt,
  ): Promise<CreateOutcome> {
    let outcome: CreateOutcome;
    try {
      outcome = answered(await this.withLease(key, holder, () => adapter.create(request, attempt)), request);
    } catch (error) {
      if (error instanceof ProviderRejectedError || error instanceof InvalidInputError) {
        await this.store.idempotency.abandon(key, holder); // nothing was created: the key is free again
      } else {
        await this.store.idempotency.release(key, holder); // unknown outcome: the next attempt looks first
      }
      throw error;
    }
    // Should any of these fail, the record stays pending and the retry finds the order by its token.
    if (!(await this.store.idempotency.claim(outcome.order, key))) this.logClaimLost(outcome.order, key);
    await this.store.orders.record([outcome.order], "MUTATION", { keepSnapshot: true, sent: sentOfCreated(request, outcome.order) });
    await this.store.idempotency.complete(key, encodeOutcome(outcome));
    return outcome;
  }

  /** Runs `work` while renewing the record's lease, so a slow attempt (queued, slow provider) is never taken over. */
  private async withLease<T>(key: string | null, holder: string, work: () => Promise<T>): Promise<T> {
    if (!key) return work();
    // Three renewals a lease: one lost to a slow store still leaves the lease held.
    const every = Math.max(50, Math.floor(this.store.idempotency.leaseMs / 3));
    const timer = setInterval(() => {
      this.store.idempotency.renew(key, holder).catch((error: unknown) => {
        if (!(error instanceof StoreUnavailableError)) this.logger.warn({ err: error }, "could not renew an idempotency lease");
      });
    }, every);
    timer.unref();
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }

  private logClaimLost(order: ReturnOrder, key: string | null): void {
    this.logger.error(
      { provider: order.provider, account: order.account, providerOrderNo: order.providerOrderNo, key },
      "a created order was claimed by another create",
    );
  }
}

/** A create answers the order as every later read shows it: what was sent fills what the provider's answer leaves out. */
function answered(outcome: CreateOutcome, request: ProviderCreateCommand): CreateOutcome {
  return { ...outcome, order: withSent(outcome.order, sentOfCreate(request)) };
}

function scopeOf(adapter: ReturnProviderAdapter, request: ProviderCreateCommand, token: string): IdempotencyScope {
  return { provider: adapter.provider, account: adapter.account, token, sellerReference: request.referenceNo ?? null };
}

function hashOf(request: ProviderCreateCommand): string {
  return createHash("sha256").update(stableJson(request)).digest("hex");
}

function encodeOutcome(outcome: CreateOutcome): unknown {
  return { order: toSnapshot(outcome.order), receipt: outcome.receipt };
}

function decodeOutcome(stored: unknown): CreateOutcome {
  const value = stored as { order: unknown; receipt: CreateOutcome["receipt"] };
  return { order: fromSnapshot(value.order), receipt: value.receipt };
}
