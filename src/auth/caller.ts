import type { ReturnProvider } from "../returns/model.js";

export const READ_SCOPE = "returns:read";
export const WRITE_SCOPE = "returns:write";

/**
 * Who is asking, and what they may see. `access` null means every provider and account; otherwise
 * entries are "PROVIDER" (all its accounts) or "PROVIDER/account".
 */
export class Caller {
  constructor(
    readonly subject: string,
    readonly scopes: ReadonlySet<string>,
    private readonly access: ReadonlySet<string> | null,
    /**
     * Whose idempotency keys these are: a token's subject (`sub`), or null for a token without
     * one, whose keys could not be kept apart from another such token's. Trusted callers (demo
     * mode, the router vouching for its clients) share one namespace.
     */
    private readonly keyOwner: { kind: "sub" | "trusted"; subject: string } | null = { kind: "sub", subject },
  ) {}

  /** Demo mode and a trusted router: everything. */
  static trusted(subject: string): Caller {
    return new Caller(subject, new Set([READ_SCOPE, WRITE_SCOPE]), null, { kind: "trusted", subject: "" });
  }

  /**
   * The store's name for this caller's idempotency key, or null when the caller has no subject to
   * own it. The subject is length-prefixed, so no subject and key pair can spell another's.
   */
  idempotencyRecordKey(key: string): string | null {
    if (!this.keyOwner) return null;
    return this.keyOwner.kind === "trusted" ? `trusted:${key}` : `sub:${this.keyOwner.subject.length}:${this.keyOwner.subject}:${key}`;
  }

  get canRead(): boolean {
    return this.scopes.has(READ_SCOPE);
  }

  get canWrite(): boolean {
    return this.scopes.has(WRITE_SCOPE);
  }

  allows(provider: ReturnProvider, account: string): boolean {
    return this.access === null || this.access.has(provider) || this.access.has(`${provider}/${account}`);
  }
}
