import type { OrderKey, ReturnOrder } from "../returns/model.js";

/** A provider's push as it arrived: the raw bytes are kept because signatures are over them. */
export interface IncomingPush {
  body: Buffer;
  contentType: string;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, string>;
  receivedAt: Date;
}

/** What to answer the provider, in its own format (JSON envelope, XML, …). */
export interface PushReply {
  status: number;
  contentType: string;
  body: string;
}

/** What a verified push changes; applied by the webhook module in one transaction with the claim of `dedupeKey`. */
export interface PushChange {
  /** Unique per push (in the provider's push space): a push whose key was claimed before changes nothing. */
  dedupeKey: string;
  order: OrderKey;
  /** The event's time. */
  at: Date;
  /** Reads the stored order first (under lock), for a push that changes what is stored. */
  readsCurrent: boolean;
  /** The order after the push, from the stored one (when read); null refuses a push for an order the store does not hold. */
  apply(current: ReturnOrder | null): ReturnOrder | null;
  /** Keep the snapshot: where the store is the order's system of record. */
  keepSnapshot: boolean;
  /** The answers, in the provider's format, for each way it can end. */
  replies: Record<PushOutcome, PushReply>;
  /** What the log line says of the push. */
  summary: Record<string, unknown>;
}

export type PushOutcome = "applied" | "duplicate" | "unknown-order";

export type PushReading =
  /** Not for this account (app key or signature do not match): another account may take it; else `reply`. */
  | { kind: "not-mine"; reply: PushReply }
  /** For this account, but refused (malformed, stale, wrong method): answered as it is. */
  | { kind: "refused"; reply: PushReply }
  | { kind: "change"; change: PushChange };
