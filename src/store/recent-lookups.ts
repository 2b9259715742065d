/**
 * What the order index answered for each order lately, for reads that only show an order. A list
 * page asks for the recorded fields (what was sent, the seller's reference) of every order it
 * shows, and pages are read far more often than those fields change: they change only through
 * this subgraph's own creates and updates, which forget the entry here. An answer is kept at most
 * `ttlMs`, so a change written by another replica shows on this one within that time.
 */
export class RecentLookups<T> {
  private readonly entries = new Map<string, { value: T | null; at: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
  ) {}

  /** The value looked up less than `ttlMs` ago (null: there was none), or undefined when it must be asked for. */
  get(key: string, now: number): T | null | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (now - entry.at < this.ttlMs) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: T | null, now: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, at: now });
    // Oldest first: a Map keeps insertion order, and set re-inserts.
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.max) break;
      this.entries.delete(oldest);
    }
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}
