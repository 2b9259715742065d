import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPERATION_LIMITS } from "../../src/limits.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

const callsOf = (app: TestApp) => Object.values(app.emulators).reduce<number>((n, e) => n + ((e as { calls?: unknown[] }).calls?.length ?? 0), 0);

describe("operation limits", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  const refused = async (body: unknown) => {
    const before = callsOf(app);
    const response = await app.post(body);
    const json = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[]; data?: unknown };
    expect(json.errors?.length).toBeGreaterThan(0);
    expect(json.data ?? null).toBeNull();
    expect(callsOf(app)).toBe(before);
    return json.errors![0]!;
  };

  it("refuses a query deeper than the limit before any provider call", async () => {
    // The schema has no recursive type, so a hostile deep query is also an invalid one: the depth
    // rule must refuse it with its own message, before anything resolves.
    const deep = `{ ${"returnOrders { edges { node { sender { ".repeat(4)}name${" } } } }".repeat(4)} }`;
    const error = await refused({ query: deep });
    expect(error.message.toLowerCase()).toContain("depth");
  });

  it("refuses too many aliases", async () => {
    const aliases = Array.from({ length: OPERATION_LIMITS.maxAliases + 5 }, (_, i) => `a${i}: returnOrders(first: 1) { nodes { id } }`).join(" ");
    const error = await refused({ query: `{ ${aliases} }` });
    expect(error.message.toLowerCase()).toContain("alias");
  });

  it("refuses an oversized document", async () => {
    const fields = Array.from({ length: OPERATION_LIMITS.maxTokens }, () => "__typename").join(" ");
    const error = await refused({ query: `{ ${fields} }` });
    expect(error.message.toLowerCase()).toMatch(/token/);
  });

  it("refuses too many directives", async () => {
    const directives = Array.from({ length: OPERATION_LIMITS.maxDirectives + 5 }, () => "@include(if: true)").join(" ");
    const error = await refused({ query: `{ __typename ${directives} }` });
    expect(error.message.toLowerCase()).toContain("directive");
  });

  it("refuses batched HTTP requests and too many entity representations", async () => {
    const batch = await app.post([{ query: "{ __typename }" }, { query: "{ __typename }" }]);
    expect(batch.status).toBe(400);
    const representations = Array.from({ length: OPERATION_LIMITS.maxRepresentations + 1 }, (_, i) => ({
      __typename: "ReturnOrder",
      provider: "WINIT",
      providerOrderNo: `RT${i}`,
    }));
    const error = await refused({
      query: "query($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }",
      variables: { representations },
    });
    expect(error.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("counts the representations given to _entities whatever the variable is called, and inlined ones", async () => {
    const over = OPERATION_LIMITS.maxRepresentations + 1;
    const representation = { __typename: "ReturnOrder", provider: "QIANYI", providerOrderNo: "UNKNOWN-1" };
    const renamed = await refused({
      query: "query($r: [_Any!]!) { _entities(representations: $r) { __typename } }",
      variables: { r: Array.from({ length: over }, () => representation) },
    });
    expect(renamed.extensions?.code).toBe("BAD_USER_INPUT");
    // A list literal of variables stays under the token limit, so only the count can refuse it.
    const inlined = await refused({
      query: `query($a: _Any!) { _entities(representations: [${Array.from({ length: over }, () => "$a").join(",")}]) { __typename } }`,
      variables: { a: representation },
    });
    expect(inlined.extensions?.code).toBe("BAD_USER_INPUT");
    expect(inlined.message).toContain(String(OPERATION_LIMITS.maxRepresentations));
    const split = Math.ceil(over / 2);
    const aliased = await refused({
      query:
        "query($r: [_Any!]!) { a: _entities(representations: $r) { __typename } ...More } fragment More on Query { b: _entities(representations: $r) { __typename } }",
      variables: { r: Array.from({ length: split }, () => representation) },
    });
    expect(aliased.extensions?.code).toBe("BAD_USER_INPUT");
    const defaulted = await refused({
      query: `query($r: [_Any!]! = [${Array.from({ length: over }, () => "1").join(",")}]) { _entities(representations: $r) { __typename } }`,
    });
    expect(defaulted.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("still serves the deepest legitimate selection and introspection", async () => {
    const ok = await app.post({
      query: "{ returnOrders(first: 2) { edges { node { details { ... on WinitReturnDetails { shelvedGoods { imageUrls } } } events { at } } } } }",
    });
    expect(((await ok.json()) as { errors?: unknown }).errors).toBeUndefined();
    const introspection = await app.post({
      query: "{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name } } } } } } } }",
    });
    expect(((await introspection.json()) as { errors?: unknown }).errors).toBeUndefined();
  });
});
