import type { Logger } from "../logger.js";
import { Channel, ChannelClosedError } from "./channel.js";

/** What the hub needs of an event: its place in the feed. */
export interface SequencedEvent {
  sequence: number;
}

/** The change feed as the hub reads it: by sequence, in the order events were committed. */
export interface FeedReader<E extends SequencedEvent> {
  /** The sequence of the newest event recorded so far: a new subscriber gets what comes after it. */
  head(): Promise<number>;
  /** Up to `limit` events with a sequence above `after`, in sequence order. */
  after(after: number, limit: number): Promise<E[]>;
}

export interface HubOptions {
  /** Events one read takes from the feed; a busier moment reads again at once. */
  batch: number;
  /** Events waiting for one subscriber before it is ended as too slow. */
  queue: number;
  /** A read even without a notification, in case one was lost (a listening connection being replaced). */
  pollMs: number;
}

interface Subscriber<E> {
  accepts: (event: E) => boolean;
  channel: Channel<E>;
}

/**
 * One per replica: wakes on the store's notification, reads the feed once after its position
 * and hands each event to every subscriber that accepts it (its access and filter). One
 * feed read per notification however many subscribers there are, and the position only moves
 * past what was read, so an event is never skipped or repeated by a late or merged notification.
 */
export class EventHub<E extends SequencedEvent> {
  private readonly subscribers = new Set<Subscriber<E>>();
  /** Null while nobody subscribes: events are then not read at all. */
  private position: number | null = null;
  private starting: Promise<void> | null = null;
  private reading: Promise<void> | null = null;
  private readAgain = false;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly feed: FeedReader<E>,
    private readonly logger: Logger,
    private readonly options: HubOptions,
  ) {}

  get size(): number {
    return this.subscribers.size;
  }

  /** A stream of the events recorded from now on that `accepts` takes. */
  async subscribe(accepts: (event: E) => boolean): Promise<AsyncIterableIterator<E>> {
    if (this.closed) throw new ChannelClosedError("SERVER_SHUTTING_DOWN", "The server is shutting down; subscribe again.");
    await this.start();
    const subscriber: Subscriber<E> = {
      accepts,
      channel: new Channel<E>(this.options.queue, () => this.leave(subscriber)),
    };
    this.subscribers.add(subscriber);
    return subscriber.channel;
  }

  /** The store said events were recorded. */
  wake(): void {
    if (this.position === null || this.closed) return;
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = this.readAll().finally(() => {
      this.reading = null;
    });
  }

  /**
   * Stops reading (the server is stopping); later subscribes are refused. Streams still open end
   * with SERVER_SHUTTING_DOWN; the transport closes its connections first, which ends them
   * quietly, so that clients reconnect and resubscribe rather than see an error.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.stopPolling();
    for (const s of [...this.subscribers]) s.channel.fail(new ChannelClosedError("SERVER_SHUTTING_DOWN", "The server is shutting down; subscribe again."));
    await this.reading;
  }

  private async start(): Promise<void> {
    if (this.position !== null) return;
    this.starting ??= this.feed.head().then(
      (head) => {
        this.position = head;
        this.starting = null;
        this.timer = setInterval(() => this.wake(), this.options.pollMs);
        this.timer.unref();
      },
      (error: unknown) => {
        this.starting = null;
        throw error;
      },
    );
    await this.starting;
  }

  private leave(subscriber: Subscriber<E>): void {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size > 0 || this.starting) return;
    // Nobody left: stop reading; the next subscriber starts from the head as it is then.
    this.position = null;
    this.stopPolling();
  }

  private stopPolling(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async readAll(): Promise<void> {
    do {
      this.readAgain = false;
      try {
        let full: boolean;
        do {
          const from = this.position;
          if (from === null) return;
          const events = await this.feed.after(from, this.options.batch);
          // The last subscriber may have left while this read ran.
          if (this.position !== from) return;
          this.position = events.at(-1)?.sequence ?? from;
          this.deliver(events);
          full = events.length >= this.options.batch;
        } while (full);
      } catch (error) {
        // The store is down or slow: the next notification or poll reads from the same position.
        this.logger.warn({ err: error, code: "SUBSCRIPTION_FEED_READ_FAILED" }, "subscriptions could not read the change feed");
        return;
      }
    } while (this.readAgain);
  }

  private deliver(events: E[]): void {
    for (const event of events) {
      for (const s of this.subscribers) {
        if (s.accepts(event)) s.channel.push(event);
      }
    }
  }
}
