import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeOrderId } from "../../src/returns/ids.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

// Apollo Server installs inline tracing by itself when the schema is a subgraph; these tests are
// what keeps it so (a change of server setup that drops it fails here, not in a router's UI).
const TRACE_HEADER = { "apollo-federation-include-trace": "ftv1" };

type Body = { data?: unknown; errors?: { message: string }[]; extensions?: Record<string, unknown> };

describe("federated tracing (ftv1)", () => {
  let app: TestApp;
  const query = {
    query: `query One($id: ID!) { returnOrder(id: $id) { providerOrderNo status } }`,
    variables: { id: encodeOrderId({ provider: "WINIT", account: "default", providerOrderNo: "RT16000000005910CN" }) },
  };
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it("answers with extensions.ftv1 when the router asks for it: a trace of the fields resolved", async () => {
    const body = (await (await app.post(query, TRACE_HEADER)).json()) as Body;
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ returnOrder: { providerOrderNo: "RT16000000005910CN", status: "COMPLETED" } });
    const ftv1 = body.extensions?.["ftv1"];
    expect(ftv1).toEqual(expect.stringMatching(/^[A-Za-z0-9+/]+={0,2}$/));
    // A protobuf Trace: response names are stored as plain UTF-8, so the resolved fields show.
    const trace = Buffer.from(ftv1 as string, "base64");
    for (const field of ["returnOrder", "providerOrderNo", "status"]) expect(trace.includes(field)).toBe(true);
  });

  it("leaves extensions out without the header, or with another value", async () => {
    for (const headers of [{}, { "apollo-federation-include-trace": "ftv2" }] as Record<string, string>[]) {
      const body = (await (await app.post(query, headers)).json()) as Body;
      expect(body.data).toBeDefined();
      expect(body.extensions).toBeUndefined();
    }
  });

  it("masks error messages inside the trace", async () => {
    const body = (await (await app.post({ query: "{ returnOrders(first: 101) { nodes { id } } }" }, TRACE_HEADER)).json()) as Body;
    const message = body.errors?.[0]?.message;
    expect(message).toContain("100");
    const trace = Buffer.from(body.extensions!["ftv1"] as string, "base64");
    expect(trace.includes("<masked>")).toBe(true);
    expect(trace.includes(message!)).toBe(false);
  });
});
