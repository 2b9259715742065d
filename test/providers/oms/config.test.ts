import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../src/config.js";

describe("OMS configuration", () => {
  it("turns OMS_* into the default OMS account on production, off the emulator", () => {
    const config = loadConfig({ OMS_API_KEY: "k", OMS_API_SECRET: "s" });
    expect(config.demoProviders).not.toContain("OMS");
    expect(config.accounts).toContainEqual({
      provider: "OMS",
      account: "default",
      settings: { baseUrl: "https://oms-api.zbao56.com", apiKey: "k", apiSecret: "s" },
    });
  });

  it("names the OMS variables when one is missing or wrong", () => {
    expect(() => loadConfig({ OMS_API_KEY: "k" })).toThrow(ConfigError);
    expect(() => loadConfig({ OMS_API_KEY: "k" })).toThrow(/OMS_BASE_URL, OMS_API_KEY, OMS_API_SECRET.*apiSecret/);
    expect(() => loadConfig({ OMS_API_KEY: "k", OMS_API_SECRET: "s", OMS_BASE_URL: "nope" })).toThrow(/OMS.*baseUrl/);
  });

  it("runs the OMS on its emulator without credentials outside production", () => {
    expect(loadConfig({}).demoProviders).toContain("OMS");
  });
});
