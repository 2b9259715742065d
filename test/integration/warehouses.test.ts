import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateReturnOrderDocument, ReturnWarehousesDocument, type ReturnOrderCreateInput, type ReturnProvider } from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { VALID_INPUTS } from "../resilience/common.js";

// A create each demo provider accepts, but for the warehouse: every code returnWarehouses lists must do.
const createOn = (provider: ReturnProvider, warehouseCode: string): ReturnOrderCreateInput => {
  const input = VALID_INPUTS[provider];
  return { ...input, warehouseCode, ...(input.referenceNo ? { referenceNo: `WH-${Math.random().toString(36).slice(2, 10)}` } : {}) };
};

describe("returnWarehouses in demo mode", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it("lists the demo accounts' warehouses of the providers without a warehouse API (Qianyi, Qimen)", async () => {
    const qianyi = await app.gql(ReturnWarehousesDocument, { provider: "QIANYI" });
    expect(qianyi.errors).toBeUndefined();
    expect(qianyi.data!.returnWarehouses.map((w) => w.code)).toEqual(["best warehouse(测试用)", "solaso-huzhiming", "GWMS"]);
    expect(qianyi.data!.returnWarehouses[0]).toEqual({
      provider: "QIANYI",
      account: "default",
      code: "best warehouse(测试用)",
      name: "best warehouse(测试用)",
      country: null,
    });
    const qimen = await app.gql(ReturnWarehousesDocument, { provider: "QIMEN", account: "default" });
    expect(qimen.data!.returnWarehouses.map((w) => w.code)).toEqual(["W1234", "DEMO-HZ"]);
  });

  it.each(Object.keys(VALID_INPUTS) as ReturnProvider[])("%s: every code it lists is accepted by returnOrderCreate", async (provider) => {
    const { data } = await app.gql(ReturnWarehousesDocument, { provider });
    for (const warehouse of data!.returnWarehouses) {
      const created = await app.gql(CreateReturnOrderDocument, { input: createOn(provider, warehouse.code) });
      expect(created.errors).toBeUndefined();
      expect(created.data!.returnOrderCreate, `${provider} ${warehouse.code}: ${JSON.stringify(created.data!.returnOrderCreate)}`).toMatchObject({
        __typename: "ReturnOrderCreated",
        returnOrder: { warehouseCode: warehouse.code },
      });
    }
  });

  it("lists nothing for an account that does not exist", async () => {
    const { data, errors } = await app.gql(ReturnWarehousesDocument, { provider: "QIANYI", account: "nowhere" });
    expect(errors).toBeUndefined();
    expect(data!.returnWarehouses).toEqual([]);
  });
});

describe("returnWarehouses from the accounts file, under access limits", () => {
  const SECRET = "a-test-secret-that-is-long-enough-for-hs256";
  const bearer = async (access: string[] | null) => {
    const jwt = new SignJWT({ scope: "returns:read", ...(access ? { returns_access: access } : {}) })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("user-1")
      .setExpirationTime("5m");
    return { authorization: `Bearer ${await jwt.sign(new TextEncoder().encode(SECRET))}` };
  };
  let app: TestApp;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "warehouses-"));
    const file = join(dir, "accounts.json");
    const account = { baseUrl: "http://127.0.0.1:9", appId: "A", appSecret: "S" };
    writeFileSync(
      file,
      JSON.stringify({
        QIANYI: {
          cn: { ...account, warehouses: [{ code: "GWMS", name: "Guangzhou", country: "CN" }, { code: "SZ-1" }] },
          hk: account,
        },
      }),
    );
    app = await startTestApp({ env: { RETURNS_ACCOUNTS_FILE: file, AUTH_MODE: "jwt", AUTH_JWT_SECRET: SECRET } });
  });
  afterAll(async () => {
    await app.close();
  });

  it("answers the account's setting, and nothing for an account without one", async () => {
    const headers = await bearer(null);
    const cn = await app.gql(ReturnWarehousesDocument, { provider: "QIANYI", account: "cn" }, headers);
    expect(cn.data!.returnWarehouses).toEqual([
      { provider: "QIANYI", account: "cn", code: "GWMS", name: "Guangzhou", country: "CN" },
      { provider: "QIANYI", account: "cn", code: "SZ-1", name: null, country: null },
    ]);
    const hk = await app.gql(ReturnWarehousesDocument, { provider: "QIANYI", account: "hk" }, headers);
    expect(hk.data!.returnWarehouses).toEqual([]);
  });

  it("asks which account when the provider has several and none is named; defaults to the only one the caller may use", async () => {
    const several = await app.gql(ReturnWarehousesDocument, { provider: "QIANYI" }, await bearer(null));
    expect(several.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" }, message: expect.stringContaining("cn, hk") });
    const onlyCn = await app.gql(ReturnWarehousesDocument, { provider: "QIANYI" }, await bearer(["QIANYI/cn"]));
    expect(onlyCn.data!.returnWarehouses.map((w) => w.code)).toEqual(["GWMS", "SZ-1"]);
  });

  it("lists nothing of an account the token may not use", async () => {
    const other = await bearer(["QIANYI/hk", "WINIT"]);
    expect((await app.gql(ReturnWarehousesDocument, { provider: "QIANYI", account: "cn" }, other)).data!.returnWarehouses).toEqual([]);
    const none = await bearer(["WINIT"]);
    expect((await app.gql(ReturnWarehousesDocument, { provider: "QIANYI" }, none)).data!.returnWarehouses).toEqual([]);
  });
});
