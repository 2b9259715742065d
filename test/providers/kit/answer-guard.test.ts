import { describe, expect, it } from "vitest";
import { createLogger } from "../../../src/logger.js";
import type { ReturnProviderAdapter } from "../../../src/returns/ports.js";
import { guardProviderAnswers } from "../../../src/providers/kit/answer-guard.js";
import { NotFoundError, ProviderUnavailableError } from "../../../src/returns/errors.js";

class FakeAdapter {
  readonly provider = "QIANYI" as const;
  readonly account = "eu";
  constructor(private readonly failure: unknown) {}
  async getMany(): Promise<never> {
    throw this.failure;
  }
  capabilitiesOf(): never {
    throw new TypeError("not a provider call");
  }
}

const guarded = (failure: unknown) => guardProviderAnswers(new FakeAdapter(failure) as unknown as ReturnProviderAdapter, createLogger("silent"));

describe("the provider-answer guard around an adapter", () => {
  it.each([new TypeError("list.map is not a function"), new RangeError("Invalid time value"), new SyntaxError("Unexpected token")])(
    "turns %s from a provider call into ProviderUnavailable",
    async (failure) => {
      const error = await guarded(failure)
        .getMany([])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderUnavailableError);
      expect(error).toMatchObject({ provider: "QIANYI", account: "eu", retryable: true, reason: "the answer has an unexpected shape" });
    },
  );

  it("lets the domain's own errors and other failures (the store) through unchanged", async () => {
    const notFound = new NotFoundError();
    await expect(guarded(notFound).getMany([])).rejects.toBe(notFound);
    const storeDown = new Error("connection terminated");
    await expect(guarded(storeDown).getMany([])).rejects.toBe(storeDown);
  });

  it("leaves what is not a provider call, and the adapter's class, alone", () => {
    const adapter = guarded(null);
    expect(adapter).toBeInstanceOf(FakeAdapter);
    expect(adapter.provider).toBe("QIANYI");
    expect(() => adapter.capabilitiesOf({} as never)).toThrow(TypeError);
  });
});
