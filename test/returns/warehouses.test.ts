import { describe, expect, it } from "vitest";
import type { AccountDirectory, ProviderWarehouse, ReturnProviderAdapter } from "../../src/returns/ports.js";
import { WarehouseCatalog } from "../../src/returns/warehouses.js";

// A fake account whose provider has a warehouse API: counts its calls, answers when released.
function fakeAccount(answers: (() => ProviderWarehouse[])[]) {
  let calls = 0;
  const adapter = {
    provider: "OMS",
    account: "eu",
    async warehouses() {
      const answer = answers[Math.min(calls, answers.length - 1)]!;
      calls++;
      await new Promise((r) => setTimeout(r, 5));
      return answer();
    },
  } as unknown as ReturnProviderAdapter;
  return { adapter, calls: () => calls };
}

const directory = (configured: Record<string, ProviderWarehouse[]> = {}): AccountDirectory =>
  ({ configuredWarehouses: (provider: string, account: string) => configured[`${provider}/${account}`] }) as unknown as AccountDirectory;

describe("the warehouse catalog", () => {
  it("asks the provider once per cache period, shares one call among concurrent misses and asks again once it expired", async () => {
    let now = 0;
    const { adapter, calls } = fakeAccount([() => [{ code: "W1", name: "One", country: "US" }], () => [{ code: "W2", name: null, country: null }]]);
    const catalog = new WarehouseCatalog(directory(), 300_000, () => now);
    const together = await Promise.all([catalog.of(adapter), catalog.of(adapter), catalog.of(adapter)]);
    expect(calls()).toBe(1);
    expect(together[0]).toEqual([{ provider: "OMS", account: "eu", code: "W1", name: "One", country: "US" }]);
    expect(together[1]).toEqual(together[0]);
    now = 299_999;
    expect((await catalog.of(adapter))[0]!.code).toBe("W1");
    expect(calls()).toBe(1);
    now = 300_000;
    expect((await catalog.of(adapter))[0]!.code).toBe("W2");
    expect(calls()).toBe(2);
  });

  it("keeps no failed answer: the next request asks again", async () => {
    const { adapter, calls } = fakeAccount([
      () => {
        throw new Error("down");
      },
      () => [{ code: "W1", name: null, country: null }],
    ]);
    const catalog = new WarehouseCatalog(directory(), 300_000);
    await expect(catalog.of(adapter)).rejects.toThrow("could not be read");
    expect((await catalog.of(adapter)).map((w) => w.code)).toEqual(["W1"]);
    expect(calls()).toBe(2);
  });

  it("answers the account's setting where the provider has no warehouse API, and nothing without one", async () => {
    const adapter = { provider: "QIANYI", account: "cn" } as unknown as ReturnProviderAdapter;
    const other = { provider: "QIANYI", account: "hk" } as unknown as ReturnProviderAdapter;
    const catalog = new WarehouseCatalog(directory({ "QIANYI/cn": [{ code: "GWMS", name: "Guangzhou", country: null }] }), 300_000);
    expect(await catalog.of(adapter)).toEqual([{ provider: "QIANYI", account: "cn", code: "GWMS", name: "Guangzhou", country: null }]);
    expect(await catalog.of(other)).toEqual([]);
  });
});
