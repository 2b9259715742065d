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

/**
 * `handled`: this account verified and processed (or deduplicated) the push.
 * Not handled: the push is not for this account (signature or app id do not match) or is
 * malformed; `reply` is the refusal to send if no other account takes it.
 */
export interface PushOutcome {
  handled: boolean;
  reply: PushReply;
}
