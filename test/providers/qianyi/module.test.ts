import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../src/config.js";
import { qianyiModule } from "../../../src/providers/qianyi/index.js";

describe("Qianyi configuration", () => {
  it("turns QIANYI_* into the default account, off the emulator, with the domestic host by default", () => {
    const config = loadConfig({ QIANYI_APP_ID: "app", QIANYI_APP_SECRET: "secret" });
    expect(config.accounts).toContainEqual({
      provider: "QIANYI",
      account: "default",
      settings: { baseUrl: "https://www.qianyierp.com", appId: "app", appSecret: "secret" },
    });
    expect(config.demoProviders).not.toContain("QIANYI");
    expect(qianyiModule.accountFromEnv({ QIANYI_BASE_URL: "https://asia.qianyierp.com" })).toBeUndefined();
  });

  it("names the variables when the account is incomplete", () => {
    expect(() => loadConfig({ QIANYI_APP_ID: "app" })).toThrow(ConfigError);
    expect(() => loadConfig({ QIANYI_APP_ID: "app" })).toThrow(/QIANYI_APP_SECRET.*appSecret/);
  });
});
