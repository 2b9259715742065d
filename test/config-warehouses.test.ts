import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

const account = { baseUrl: "https://www.qianyierp.com", appId: "A", appSecret: "S" };
const withFile = (accounts: unknown) => {
  const file = join(mkdtempSync(join(tmpdir(), "accounts-")), "accounts.json");
  writeFileSync(file, JSON.stringify(accounts));
  return { RETURNS_ACCOUNTS_FILE: file };
};

describe("an account's warehouses setting", () => {
  it("is read beside the provider's own settings, names and countries optional", () => {
    const config = loadConfig(
      withFile({
        QIANYI: {
          cn: {
            ...account,
            warehouses: [
              { code: "GWMS", name: "Guangzhou" },
              { code: "SZ-1", country: "CN" },
            ],
          },
        },
      }),
    );
    expect(config.accounts.find((a) => a.account === "cn")).toMatchObject({
      settings: account,
      warehouses: [
        { code: "GWMS", name: "Guangzhou", country: null },
        { code: "SZ-1", name: null, country: "CN" },
      ],
    });
    expect(config.warehousesCacheMs).toBe(300_000);
  });

  it.each([
    [[{ code: "" }], /QIANYI\.cn: warehouses\.0\.code/],
    [[{ code: "A" }, { code: "A" }], /a code twice/],
    [[{ code: "A", city: "x" }], /warehouses\.0/],
    ["GWMS", /list of/],
    [[{ code: "x".repeat(65) }], /64 characters/],
  ])("stops on a bad list and names the account and the entry: %j", (warehouses, pattern) => {
    const env = withFile({ QIANYI: { cn: { ...account, warehouses } } });
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(pattern);
  });

  it("takes RETURNS_WAREHOUSES_CACHE_SECONDS, and refuses a value that is not seconds", () => {
    expect(loadConfig({ RETURNS_WAREHOUSES_CACHE_SECONDS: "0" }).warehousesCacheMs).toBe(0);
    expect(() => loadConfig({ RETURNS_WAREHOUSES_CACHE_SECONDS: "soon" })).toThrow(/RETURNS_WAREHOUSES_CACHE_SECONDS/);
  });
});
