/**
 * Shares one running call among everyone who asks for the same key while it runs (the
 * "single flight" of Go's x/sync, the query deduplication of Apollo Router): concurrent requests
 * for the same list page cost the provider one call, and the subgraph one parse and one mapping.
 * Nothing is kept once the call settles, so no answer is ever older than the request that gets it.
 */
export class InFlight<V> {
  private readonly running = new Map<string, Promise<V>>();

  /**
   * `retryAloneWhen`: failures that belong to the caller who started the call rather than to the
   * call itself (its request's budget ran out); a caller who joined runs the call on its own then.
   */
  constructor(private readonly options: { retryAloneWhen?: (error: unknown) => boolean } = {}) {}

  /** Calls currently shared (for tests and metrics). */
  get size(): number {
    return this.running.size;
  }

  run(key: string, call: () => Promise<V>): Promise<V> {
    const existing = this.running.get(key);
    if (existing) {
      const retryAlone = this.options.retryAloneWhen;
      return retryAlone ? existing.catch((error: unknown) => (retryAlone(error) ? call() : Promise.reject(error))) : existing;
    }
    // Async so that a call throwing before its first await still settles the shared promise.
    const started = (async () => call())().finally(() => this.running.delete(key));
    this.running.set(key, started);
    return started;
  }
}
