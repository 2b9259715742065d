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
    /** Token callers keep their idempotency keys apart; a trusted router's are used as given. */
    readonly idempotencyNamespace = `sub:${subject}:`,
  ) {}

  /** Demo mode and a trusted router: everything. */
  static trusted(subject: string): Caller {
    return new Caller(subject, new Set([READ_SCOPE, WRITE_SCOPE]), null, "");
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
