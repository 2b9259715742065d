/** Why a subscriber's stream ended with an error: a machine code and the text for the client. */
export class ChannelClosedError extends Error {
  constructor(
    readonly code: "SUBSCRIBER_TOO_SLOW" | "SERVER_SHUTTING_DOWN",
    message: string,
  ) {
    super(message);
  }
}

/**
 * One subscriber's events as an async iterator: pushed by the hub, pulled by graphql-js. At most
 * `capacity` events wait; one more ends the stream with SUBSCRIBER_TOO_SLOW rather than grow
 * without bound or drop an event silently (the client resumes from the feed).
 */
export class Channel<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private failWaiting: ((error: Error) => void) | null = null;
  private ended: { error: Error | null } | null = null;

  constructor(
    private readonly capacity: number,
    private readonly onEnd: () => void,
  ) {}

  /** False when the channel is closed (the event was not taken). */
  push(value: T): boolean {
    if (this.ended) return false;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = this.failWaiting = null;
      resolve({ value, done: false });
      return true;
    }
    if (this.queue.length >= this.capacity) {
      this.fail(new ChannelClosedError("SUBSCRIBER_TOO_SLOW", "Events arrived faster than this subscription read them; resume from returnOrderEvents."));
      return false;
    }
    this.queue.push(value);
    return true;
  }

  /** Ends the stream with an error once the events already queued are read. */
  fail(error: Error): void {
    this.end(error);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length > 0) return Promise.resolve({ value: this.queue.shift()!, done: false });
    if (this.ended) {
      const { error } = this.ended;
      this.ended = { error: null };
      return error ? Promise.reject(error) : Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }

  /** The consumer stopped (the client completed or went away). */
  return(): Promise<IteratorResult<T>> {
    this.queue.length = 0;
    this.end(null);
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  private end(error: Error | null): void {
    if (this.ended) return;
    this.ended = { error };
    this.onEnd();
    if (this.waiting) {
      const resolve = this.waiting;
      const reject = this.failWaiting!;
      this.waiting = this.failWaiting = null;
      this.ended = { error: null };
      if (error) reject(error);
      else resolve({ value: undefined, done: true });
    }
  }
}
