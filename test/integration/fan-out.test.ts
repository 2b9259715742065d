import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { faultsOf } from "../helpers/faults.js";
import type { QianyiEmulator } from "../../src/demo/qianyi/emulator.js";
import { EntitiesDocument, ReturnOrdersDocument } from "../generated/graphql.js";
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
    const answers = await Promise.all(
      pages.map((first) => app.gql(ReturnOrdersDocument, { first, filter: { providers: ["WINIT"] } }, { "x-request-id": `fan-out-${first}` })),
    );
    expect(answers.map((a) => a.errors ?? a.data!.returnOrders.providerErrors)).toEqual(pages.map(() => []));
    const calls = lines.filter((l) => String(l["requestId"]).startsWith("fan-out-") && l["msg"] === "provider call");
    expect(calls).toHaveLength(pages.length);
    const starts = calls.map((l) => Date.parse(l["time"] as string) - (l["durationMs"] as number));
    expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(500);
  });

  it("look orders up at once, not one request's lookups after another's", async () => {
    // Qianyi has no batch read: one call per order. Two requests of four orders each, while
    // Qianyi takes a second to answer: a bound shared by all requests (four calls per account)
    // would start the second request's calls only after the first's had answered.
    const listed = await app.gql(ReturnOrdersDocument, { first: 8, filter: { providers: ["QIANYI"] } });
    const numbers = listed.data!.returnOrders.nodes.map((n) => n.providerOrderNo);
    expect(numbers).toHaveLength(8);
    faultsOf((app.emulators.QIANYI as QianyiEmulator).app).set("latency", { latencyMs: 1000, times: 8 });
    const halves = [numbers.slice(0, 4), numbers.slice(4)];
    const answers = await Promise.all(
      halves.map((half, i) =>
        app.gql(
          EntitiesDocument,
          { representations: half.map((providerOrderNo) => ({ __typename: "ReturnOrder", provider: "QIANYI", providerOrderNo })) },
          { "x-request-id": `lookup-${i}` },
        ),
      ),
    );
    expect(answers.map((a) => a.data!._entities.map((e) => (e as { providerOrderNo?: string } | null)?.providerOrderNo))).toEqual(halves);
    const calls = lines.filter((l) => String(l["requestId"]).startsWith("lookup-") && l["msg"] === "provider call");
    expect(calls).toHaveLength(8);
    const starts = calls.map((l) => Date.parse(l["time"] as string) - (l["durationMs"] as number));
    expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(500);
  });
});
