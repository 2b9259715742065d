import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { faultsOf } from "../../src/providers/emulator-server.js";
import { ReturnOrdersDocument } from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

type LogLine = Record<string, unknown>;

describe("pages of different requests", () => {
  let app: TestApp;
  const lines: LogLine[] = [];
  beforeAll(async () => {
    app = await startTestApp({ logLevel: "info", logDestination: { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) } });
  });
  afterAll(async () => {
    await app.close();
  });

  it("call their providers at once, not one request's calls after another's", async () => {
    // Ten different pages (no shared call) while WINIT takes a second to answer each: a limit
    // shared by all requests would start some calls only after others had answered.
    const pages = Array.from({ length: 10 }, (_, i) => i + 1);
    faultsOf(app.winit.app).set("latency", { latencyMs: 1000, times: pages.length });
    const answers = await Promise.all(pages.map((first) => app.gql(ReturnOrdersDocument, { first, filter: { providers: ["WINIT"] } }, { "x-request-id": `fan-out-${first}` })));
    expect(answers.map((a) => a.errors ?? a.data!.returnOrders.providerErrors)).toEqual(pages.map(() => []));
    const calls = lines.filter((l) => String(l["requestId"]).startsWith("fan-out-") && l["msg"] === "provider call");
    expect(calls).toHaveLength(pages.length);
    const starts = calls.map((l) => Date.parse(l["time"] as string) - (l["durationMs"] as number));
    expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(500);
  });
});
