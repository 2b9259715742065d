import type { Caller } from "../auth/caller.js";
import { InvalidInputError, NotSupportedError } from "./errors.js";
import type { ReturnProvider } from "./model.js";
import type { AccountDirectory, ReturnProviderAdapter } from "./ports.js";

/** The provider accounts one caller may use; any other account is answered as if it did not exist. */
export class CallerAccounts {
  constructor(
    private readonly directory: AccountDirectory,
    private readonly caller: Caller,
  ) {}

  /** Every adapter the caller may use. */
  adapters(): ReturnProviderAdapter[] {
    return this.directory.all().filter((a) => this.caller.allows(a.provider, a.account));
  }

  /** The caller's accounts of one provider, sorted. */
  of(provider: ReturnProvider): string[] {
    return this.directory.accountsOf(provider).filter((account) => this.caller.allows(provider, account));
  }

  /** The adapter a mutation input names (`account` may be left out when the provider has one). */
  adapterFor(provider: ReturnProvider, account: string | null | undefined): ReturnProviderAdapter {
    const accounts = this.of(provider);
    if (accounts.length === 0) throw new NotSupportedError(provider, `${provider} is not available in this deployment.`);
    if (!account) {
      if (accounts.length > 1) {
        throw new InvalidInputError([{ field: ["input", "account"], message: `${provider} has several accounts here (${accounts.join(", ")}); name one` }]);
      }
      return this.directory.get(provider, accounts[0]!)!;
    }
    const adapter = accounts.includes(account) ? this.directory.get(provider, account) : undefined;
    if (!adapter) throw new InvalidInputError([{ field: ["input", "account"], message: `${provider} has no account "${account}" here` }]);
    return adapter;
  }
}
