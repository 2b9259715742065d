import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { RequestContext } from "../context.js";
import { InvalidInputError, ReturnsError, UpstreamBudgetExceededError, type FieldViolation } from "../returns/errors.js";
import { decodeOrderId } from "../returns/ids.js";
import { RETURN_PROVIDERS, type ReturnProvider } from "../returns/model.js";
import { StoreUnavailableError } from "../store/health.js";
import { storeUnavailableOf, userErrorOf, ReturnOrderCancelResult, ReturnOrderCreateResult, ReturnOrderUpdateResult } from "../schema/errors.js";
import { ReturnOrderCreateInput, ReturnOrderUpdateInput, optionsBlockName, withoutOptionBlocks, type OptionBlocks } from "../schema/inputs.js";
import { currentBudget, runWithoutRefusal } from "../providers/kit/call-budget.js";
import { isRepresentableText } from "../returns/text.js";
import { UNREPRESENTABLE_MESSAGE, violationsOf } from "../schema/validation.js";

/**
 * Expected failures become union members; anything else is a bug and goes to the error mask.
 * A store outage is answered as the provider's `ProviderUnavailable` (retryable): the contract's
 * unions have no other member for "not now", and clients already retry that one.
 *
 * The request's provider-call budget is checked before a mutation starts, never during it: a
 * mutation whose request has used its budget answers ProviderUnavailable having sent nothing,
 * and one that started makes all its calls (they still count).
 */
async function asResult<T>(
  target: { provider: ReturnProvider; account?: string | null } | null,
  run: () => Promise<T>,
): Promise<T | ReturnType<typeof userErrorOf>> {
  try {
    const budget = currentBudget();
    // Retryable: the same mutation in a request of its own has a whole budget.
    if (target && budget?.exhausted) throw new UpstreamBudgetExceededError(target.provider, target.account ?? "default", budget.limit, true);
    return await runWithoutRefusal(run);
  } catch (error) {
    if (error instanceof ReturnsError) return userErrorOf(error);
    if (error instanceof StoreUnavailableError && target) return storeUnavailableOf(target.provider, error);
    throw error;
  }
}

/** The input's option blocks: fields the schema build declared from the registry, so not on the class's type. */
const blocksOf = (input: object): OptionBlocks => input as OptionBlocks;

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

@Resolver()
export class MutationResolver {
  @Mutation(() => ReturnOrderCreateResult, {
    description: "Creates a return order at the chosen provider; expected failures are answered as UserError members of the result.",
  })
  returnOrderCreate(
    @Arg("input", () => ReturnOrderCreateInput, { description: "The order to create, with the chosen provider's options block." })
    input: ReturnOrderCreateInput,
    @Ctx() ctx: RequestContext,
    @Arg("idempotencyKey", () => String, {
      nullable: true,
      description: "8-128 characters of [A-Za-z0-9_.:-]. The same key with the same input answers the first result again for 24 h.",
    })
    idempotencyKey?: string | null,
  ) {
    return asResult(input, async () => {
      const violations: FieldViolation[] = await violationsOf(input, "input");
      const chosen = optionsBlockName(input.provider);
      for (const provider of RETURN_PROVIDERS) {
        const block = optionsBlockName(provider);
        if (block !== chosen && blocksOf(input)[block] != null) {
          violations.push({ field: ["input", block], message: `only the ${chosen} block may be given for provider ${input.provider}` });
        }
      }
      if (idempotencyKey != null && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
        violations.push({ field: ["idempotencyKey"], message: "must be 8-128 characters of letters, digits, _ . : -" });
      }
      if (violations.length > 0) throw new InvalidInputError(violations);
      const outcome = await ctx.service.create(
        {
          ...withoutOptionBlocks(input),
          options: (blocksOf(input)[chosen] as Record<string, unknown> | null | undefined) ?? null,
          idempotencyKey: idempotencyKey ?? null,
        },
        ctx.loaders.caller,
      );
      return { __typename: "ReturnOrderCreated", returnOrder: outcome.order, receipt: outcome.receipt };
    });
  }

  @Mutation(() => ReturnOrderUpdateResult, {
    description: "Changes an order where its provider's API can (see `capabilities.canUpdate`); only the fields given change.",
  })
  returnOrderUpdate(
    @Arg("id", () => ID, { description: "The ReturnOrder id." }) id: string,
    @Arg("input", () => ReturnOrderUpdateInput, { description: "What to change; absent fields stay as they are." }) input: ReturnOrderUpdateInput,
    @Ctx() ctx: RequestContext,
  ) {
    return asResult(decodeOrderId(id), async () => {
      const violations = await violationsOf(input, "input");
      if (violations.length > 0) throw new InvalidInputError(violations);
      // The order's provider is known only from the id: whichever block was given is passed on, and the
      // provider's own rules refuse what does not fit it.
      const given = RETURN_PROVIDERS.map(optionsBlockName).find((block) => blocksOf(input)[block] != null);
      const options = given ? (blocksOf(input)[given] as Record<string, unknown>) : null;
      const order = await ctx.service.update(id, { ...withoutOptionBlocks(input), options }, ctx.loaders);
      return { __typename: "ReturnOrderUpdated", returnOrder: order };
    });
  }

  @Mutation(() => ReturnOrderCancelResult, {
    description: "Cancels an order at its provider, where the provider and the order's status allow it (see `capabilities.canCancel`).",
  })
  returnOrderCancel(
    @Arg("id", () => ID, { description: "The ReturnOrder id." }) id: string,
    @Ctx() ctx: RequestContext,
    @Arg("reason", () => String, {
      nullable: true,
      description: "Why the order is cancelled (at most 512 characters); passed on where the provider keeps one.",
    })
    reason?: string | null,
  ) {
    return asResult(decodeOrderId(id), async () => {
      if (reason != null && reason.length > 512) {
        throw new InvalidInputError([{ field: ["reason"], message: "must be at most 512 characters" }]);
      }
      if (reason != null && !isRepresentableText(reason)) {
        throw new InvalidInputError([{ field: ["reason"], message: UNREPRESENTABLE_MESSAGE }]);
      }
      const order = await ctx.service.cancel(id, reason ?? null, ctx.loaders);
      return { __typename: "ReturnOrderCancelled", returnOrder: order };
    });
  }
}
