import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeOrderId } from "../../src/returns/ids.js";
import { EntitiesDocument, ReturnOrdersDocument, ServiceSdlDocument } from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

describe("federation entry points", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it("serves both keys and the federation @link in _service { sdl }", async () => {
    const { data } = await app.gql(ServiceSdlDocument);
    const sdl = data!._service.sdl!;
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])');
    expect(sdl).toContain('@key(fields: "id")');
    expect(sdl).toContain('@key(fields: "provider providerOrderNo")');
    expect(sdl).toContain("@shareable");
  });

  it("resolves 20 representations of both key shapes, fetching each distinct order at most once", async () => {
    const page = await app.gql(ReturnOrdersDocument, { first: 10, filter: { providers: ["WINIT"] } });
    const orders = page.data!.returnOrders.nodes;
    expect(orders).toHaveLength(10);
    // a fresh app-side request: the loader cache is per request, so only the emulator counts now
    const representations = orders.flatMap((o, i) =>
      i % 2 === 0
        ? [
            { __typename: "ReturnOrder", id: o.id },
            { __typename: "ReturnOrder", provider: "WINIT", providerOrderNo: o.providerOrderNo },
          ]
        : [
            { __typename: "ReturnOrder", provider: "WINIT", providerOrderNo: o.providerOrderNo },
            { __typename: "ReturnOrder", id: o.id },
          ],
    );
    expect(representations).toHaveLength(20);
    const before = app.winit.calls.length;
    const { data, errors } = await app.gql(EntitiesDocument, { representations });
    expect(errors).toBeUndefined();
    const resolved = data!._entities.map((e) => (e && e.__typename === "ReturnOrder" ? e.providerOrderNo : null));
    expect(resolved).toEqual(representations.map((r) => r.providerOrderNo ?? orders.find((o) => o.id === r.id)!.providerOrderNo));
    const calls = app.winit.calls.slice(before);
    // every call is a list query; count how often each wanted order was asked for by number
    const askedByNumber = calls.map((c) => (c.data as { returnGoodsOrderNo?: string }).returnGoodsOrderNo).filter(Boolean);
    expect(new Set(askedByNumber).size).toBe(askedByNumber.length);
    // known creation dates (from the list) let window queries answer several orders at once
    expect(calls.length).toBeLessThan(10);
  });

  it("resolves unknown and malformed representations to null without failing the batch", async () => {
    const { data, errors } = await app.gql(EntitiesDocument, {
      representations: [
        { __typename: "ReturnOrder", id: "garbage" },
        { __typename: "ReturnOrder", provider: "WINIT", providerOrderNo: "RT-DOES-NOT-EXIST" },
        { __typename: "ReturnOrder", provider: "NOPE", providerOrderNo: "x" },
        { __typename: "ReturnOrder", id: encodeOrderId({ provider: "WINIT", account: "default", providerOrderNo: "RT16000000005910CN" }) },
      ],
    });
    expect(errors).toBeUndefined();
    expect(data!._entities.map((e) => (e && "providerOrderNo" in e ? e.providerOrderNo : null))).toEqual([null, null, null, "RT16000000005910CN"]);
  });

  it.each([
    ["an unknown __typename", { __typename: "Nope", id: "x" }, 'Representation 1 names "Nope", which is not an entity of this subgraph.'],
    ["no __typename", { id: "x" }, "Representation 1 has no __typename."],
    ["a string", "ReturnOrder", "Representation 1 is not an object."],
    ["a number", 7, "Representation 1 is not an object."],
    ["a list", [{ __typename: "ReturnOrder", id: "x" }], "Representation 1 is not an object."],
  ])("answers a representation that is %s as BAD_USER_INPUT, before resolving any", async (_, bad, message) => {
    const before = app.winit.calls.length;
    const response = await app.post({
      query: "query($r: [_Any!]!) { _entities(representations: $r) { __typename } }",
      variables: { r: [{ __typename: "ReturnOrder", provider: "WINIT", providerOrderNo: "RT16000000005910CN" }, bad] },
    });
    const body = (await response.json()) as { data?: unknown; errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(response.status).toBe(200);
    expect(body.errors).toEqual([expect.objectContaining({ message, extensions: { code: "BAD_USER_INPUT" } })]);
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|\n\s+at /);
    expect(app.winit.calls.length).toBe(before);
  });
});
