import { describe, expect, it } from "vitest";
import { ProviderUnavailableError } from "../../src/returns/errors.js";
import type { AccountDirectory, ReturnProviderAdapter } from "../../src/returns/ports.js";
import { WarehouseCatalog } from "../../src/returns/warehouses.js";

// A provider's list call that fails in a way its adapter did not foresee (an answer it could not
// read) reached GraphQL as it was: masked as INTERNAL_SERVER_ERROR. The order list answers the
// same failure as PROVIDER_UNAVAILABLE; a create form asking for warehouses deserves the same.
describe("returnWarehouses when the provider's list call fails unexpectedly", () => {
  it("answers a typed, retryable ProviderUnavailable, and keeps nothing", async () => {
    let calls = 0;
    const adapter = {
      provider: "OMS",
      account: "eu",
      async warehouses() {
        calls++;
        throw new TypeError("Cannot read properties of undefined (reading 'map')");
      },
    } as unknown as ReturnProviderAdapter;
    const catalog = new WarehouseCatalog({} as AccountDirectory, 300_000);
    const failure = await catalog.of(adapter).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProviderUnavailableError);
    expect(failure).toMatchObject({ provider: "OMS", account: "eu", retryable: true });
    expect((failure as Error).message).not.toContain("Cannot read");
    await catalog.of(adapter).catch(() => undefined);
    expect(calls).toBe(2);
  });
});
