import type { Logger } from "../../logger.js";
import { ProviderUnavailableError, ReturnsError } from "../../returns/errors.js";
import type { ReturnProviderAdapter } from "../../returns/ports.js";

/** The adapter methods that talk to the provider and map what it answers. */
const PROVIDER_CALLS = new Set(["create", "findAttempt", "update", "cancel", "refresh", "getMany", "reread", "list"]);

/**
 * What a mapper throws when an answer does not have the shape it reads (a list that is an object,
 * a field that is a number): walking the wrong shape fails with these, not with our own errors.
 */
function isShapeFault(error: unknown): boolean {
  return error instanceof TypeError || error instanceof RangeError || error instanceof SyntaxError;
}

/**
 * Wraps an adapter so that an answer its mappers cannot walk is the provider's fault
 * (ProviderUnavailable), on every provider call, in this one place rather than at each read.
 * The real error is logged with its stack: the same symptom can be a bug of ours. Store and
 * other errors pass unchanged.
 */
export function guardProviderAnswers<A extends ReturnProviderAdapter>(adapter: A, logger: Logger): A {
  const wrapped = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  return new Proxy(adapter, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof name !== "string" || typeof value !== "function" || !PROVIDER_CALLS.has(name)) return value;
      let guarded = wrapped.get(name);
      if (!guarded) {
        guarded = async (...args: unknown[]) => {
          const asUnavailable = (error: unknown): unknown => {
            if (error instanceof ReturnsError || !isShapeFault(error)) return error;
            logger.warn({ err: error, provider: target.provider, account: target.account, operation: name }, "provider answer has an unexpected shape");
            return new ProviderUnavailableError(target.provider, target.account, "the answer has an unexpected shape", true);
          };
          let result: unknown;
          try {
            result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          } catch (error) {
            throw asUnavailable(error);
          }
          // A batch lookup answers each order's failure in its place.
          return (name === "getMany" || name === "reread") && Array.isArray(result)
            ? result.map((r: unknown) => (r instanceof Error ? asUnavailable(r) : r))
            : result;
        };
        wrapped.set(name, guarded);
      }
      return guarded;
    },
  });
}
