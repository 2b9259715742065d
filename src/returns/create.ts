import { createHash } from "node:crypto";
import type { Store } from "../store/index.js";
import { couldBeAttempt, newAttemptToken } from "./create-attempt.js";
import { IdempotencyConflictError, InvalidInputError, ProviderRejectedError, ProviderUnavailableError } from "./errors.js";
import { keyString, type CreateAttempt, type CreateOutcome, type ProviderCreateCommand, type ReturnOrder } from "./model.js";
import type { ReturnProviderAdapter } from "./ports.js";
import type { OrderRecorder } from "./recording.js";
import { fromSnapshot, toSnapshot } from "./snapshot.js";

export interface CreateOptions {
  /** How long a create waits for another in-flight create with the same key. */
  inFlightWaitMs: number;
}

/**
 * Creates, once. Without a key: one call, its order claimed and recorded. Under a key: the
 * idempotency record is written before the provider is called and holds a lease; a replay answers
 * the first result, and a retry after an interrupted attempt takes the order that attempt made
 * (and only that order) before it creates again.
 */
export class Creates {
  constructor(
    private readonly store: Store,
    private readonly recorder: OrderRecorder,
    private readonly options: CreateOptions,
  ) {}

  async once(adapter: ReturnProviderAdapter, request: ProviderCreateCommand): Promise<CreateOutcome> {
    // What a mutation does is recorded: without the store it is not started.
    await this.store.ping();
    const outcome = await adapter.create(request, null);
    await this.recorder.mutation(outcome.order, async () => {
      await this.store.idempotency.claim(outcome.order, null);
    });
    return outcome;
  }

  /** `key` is the idempotency record's name (the caller's key in its owner's namespace). */
  async idempotently(adapter: ReturnProviderAdapter, request: ProviderCreateCommand, key: string): Promise<CreateOutcome> {
    const hash = createHash("sha256").update(stableJson(request)).digest("hex");
    const scope = { provider: adapter.provider, account: adapter.account, token: newAttemptToken() };
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
        case "resumed":
          return this.resume(adapter, request, key, { token: begun.token, startedAt: begun.startedAt });
        case "started":
          return this.attempt(adapter, request, key, { token: scope.token, startedAt: new Date() });
      }
    }
  }

  /**
   * The last attempt stopped between calling out and recording: take the order it made, if it
   * made one, and only that order. Never one another create made, and never a guess: when the
   * provider holds several orders this attempt could have made, the answer is a retryable
   * "unavailable" and nothing is created.
   */
  private async resume(adapter: ReturnProviderAdapter, request: ProviderCreateCommand, key: string, attempt: CreateAttempt): Promise<CreateOutcome> {
    let mine: ReturnOrder[];
    try {
      const search = await adapter.findAttempt(request, attempt);
      const candidates = search.byToken ? search.orders : search.orders.filter((o) => couldBeAttempt(o, request, attempt));
      const others = await this.store.idempotency.claimedByOthers(candidates, key);
      mine = candidates.filter((o) => !others.has(keyString(o)));
      if (mine.length > 1) {
        throw new ProviderUnavailableError(
          adapter.provider,
          adapter.account,
          `an earlier attempt of this create was interrupted, and ${mine.length} orders under reference ${request.referenceNo ?? "(none)"} match it; it cannot tell which is its own`,
          true,
        );
      }
      if (mine.length === 1 && !(await this.store.idempotency.claim(mine[0]!, key))) {
        throw new ProviderUnavailableError(adapter.provider, adapter.account, "another create took the order meanwhile; retry shortly", true);
      }
    } catch (error) {
      await this.store.idempotency.release(key);
      throw error;
    }
    const existing = mine[0];
    if (!existing) return this.attempt(adapter, request, key, attempt);
    const outcome = { order: existing, receipt: adapter.receiptOf(existing) };
    await this.store.orders.record([existing], "MUTATION", { keepSnapshot: true });
    await this.store.idempotency.complete(key, encodeOutcome(outcome));
    return outcome;
  }

  private async attempt(adapter: ReturnProviderAdapter, request: ProviderCreateCommand, key: string, attempt: CreateAttempt): Promise<CreateOutcome> {
    let outcome: CreateOutcome;
    try {
      outcome = await adapter.create(request, attempt);
    } catch (error) {
      if (error instanceof ProviderRejectedError || error instanceof InvalidInputError) {
        await this.store.idempotency.abandon(key); // nothing was created: the key is free again
      } else {
        await this.store.idempotency.release(key); // unknown outcome: the next attempt looks first
      }
      throw error;
    }
    // Should any of these fail, the record stays pending and the retry finds the order by its token.
    await this.store.idempotency.claim(outcome.order, key);
    await this.store.orders.record([outcome.order], "MUTATION", { keepSnapshot: true });
    await this.store.idempotency.complete(key, encodeOutcome(outcome));
    return outcome;
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
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .filter(([, x]) => x !== undefined && x !== null)
            .sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v,
  );
}
