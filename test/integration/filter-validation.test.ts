import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OmsEmulator } from "../../src/demo/oms/emulator.js";
import type { QianyiEmulator } from "../../src/demo/qianyi/emulator.js";
import { ReturnOrdersDocument } from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

// Generic validation of what the list takes (issue 17): impossible dates and over-long values are
// the caller's error, answered before any provider is asked.

describe("returnOrders' filter, checked before anything is sent", () => {
  let app: TestApp;
  const providerCalls = () => app.winit.calls.length + (app.emulators.OMS as OmsEmulator).calls.length + (app.emulators.QIANYI as QianyiEmulator).calls.length;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it.each(["2024-02-31T00:00:00Z", "2019-02-30T10:00:00+08:00", "2023-02-29T00:00:00Z", "2024-04-31T12:00:00Z", "2024-02-31"])(
    "refuses the impossible date %s as a variable (BAD_USER_INPUT) and as a literal (GRAPHQL_VALIDATION_FAILED)",
    async (date) => {
      const before = providerCalls();
      for (const field of ["createdFrom", "createdTo"]) {
        const asVariable = await app.gql(ReturnOrdersDocument, { filter: { [field]: date } });
        expect(asVariable.data).toBeUndefined();
        expect(asVariable.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");
        expect(asVariable.errors?.[0]?.message).toContain(date);
        const literal = await app.post({ query: `{ returnOrders(filter: { ${field}: "${date}" }) { nodes { id } } }` });
        expect(literal.status).toBe(400);
        const body = (await literal.json()) as { errors: { extensions: { code: string } }[] };
        expect(body.errors[0]!.extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
      }
      expect(providerCalls()).toBe(before);
    },
  );

  it("takes a leap day that exists", async () => {
    const { errors } = await app.gql(ReturnOrdersDocument, { filter: { createdFrom: "2024-02-29T00:00:00Z", createdTo: "2024-03-01T00:00:00+08:00" } });
    expect(errors).toBeUndefined();
  });

  it.each([
    ["search", "S".repeat(129)],
    ["warehouseCode", "W".repeat(65)],
  ])("refuses an over-long %s as BAD_USER_INPUT naming the field, before any provider call", async (field, value) => {
    const before = providerCalls();
    const { data, errors } = await app.gql(ReturnOrdersDocument, { filter: { [field]: value } });
    expect(data ?? null).toBeNull();
    expect(errors?.[0]).toMatchObject({
      extensions: { code: "BAD_USER_INPUT", violations: [expect.objectContaining({ field: ["filter", field] })] },
      message: expect.stringContaining(`filter.${field}`),
    });
    expect(providerCalls()).toBe(before);
    // The longest value allowed is still served.
    const fits = await app.gql(ReturnOrdersDocument, { filter: { [field]: value.slice(1) } });
    expect(fits.errors).toBeUndefined();
  });
});
