import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { faultsOf } from "../helpers/faults.js";
import { ReturnOrdersDocument } from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

type LogLine = Record<string, unknown>;

/** The most intervals that overlap at one moment. */
function mostAtOnce(intervals: [number, number][]): number {
  const edges = intervals.flatMap(([from, to]) => [[from, 1] as const, [to, -1] as const]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, step] of edges) most = Math.max(most, (now += step));
  return most;
}

describe("GraphQL requests beyond MAX_CONCURRENT_OPERATIONS", () => {
  let app: TestApp;
  const lines: LogLine[] = [];
  beforeAll(async () => {
    app = await startTestApp({
      env: { MAX_CONCURRENT_OPERATIONS: "2", MAX_QUEUED_OPERATIONS: "4" },
      logLevel: "info",
      logDestination: { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) },
    });
  });
  afterAll(async () => {
    await app.close();
  });

  const page = (first: number, id: string) =>
    app.post(
      {
        query: "query($first: Int) { returnOrders(first: $first, filter: { providers: [WINIT] }) { nodes { id } providerErrors { code } } }",
        variables: { first },
      },
      { "x-request-id": id },
    );

  it("wait their turn, two at a time, and are all answered", async () => {
    // Six different pages while WINIT takes 300 ms: two at a time, three rounds.
    faultsOf(app.winit.app).set("latency", { latencyMs: 300, times: 6 });
    const answers = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((first) => app.gql(ReturnOrdersDocument, { first, filter: { providers: ["WINIT"] } }, { "x-request-id": `turn-${first}` })),
    );
    expect(answers.map((a) => [a.errors, a.data!.returnOrders.providerErrors, a.data!.returnOrders.nodes.length])).toEqual(
      [1, 2, 3, 4, 5, 6].map((n) => [undefined, [], n]),
    );
    const calls = lines.filter((l) => String(l["requestId"]).startsWith("turn-") && l["msg"] === "provider call");
    expect(calls).toHaveLength(6);
    expect(mostAtOnce(calls.map((l) => [Date.parse(l["time"] as string) - (l["durationMs"] as number), Date.parse(l["time"] as string)]))).toBe(2);
  });

  it("are refused with 503 SERVICE_OVERLOADED and retry-after once the queue is full", async () => {
    faultsOf(app.winit.app).set("latency", { latencyMs: 300, times: 6 });
    // two served, four waiting, the seventh refused at once
    const answers = await Promise.all(
      [1, 2, 3, 4, 5, 6, 7].map(async (first) => {
        const response = await page(first, `full-${first}`);
        return {
          status: response.status,
          retryAfter: response.headers.get("retry-after"),
          body: (await response.json()) as { errors?: { extensions: { code: string } }[] },
        };
      }),
    );
    const refused = answers.filter((a) => a.status === 503);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ retryAfter: "1", body: { errors: [{ extensions: { code: "SERVICE_OVERLOADED" } }] } });
    expect(answers.filter((a) => a.status === 200)).toHaveLength(6);
  });

  it("give up their turn when the client leaves while waiting", async () => {
    faultsOf(app.winit.app).set("latency", { latencyMs: 300, times: 2 });
    const served = [page(1, "leave-1"), page(2, "leave-2")];
    await new Promise((r) => setTimeout(r, 50));
    // these two wait behind the two served, and their clients go away
    const leaving = new AbortController();
    const gone = [3, 4].map((first) =>
      fetch(`${app.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: `{ returnOrders(first: ${first}) { nodes { id } } }` }),
        signal: leaving.signal,
      }).catch((e: unknown) => e),
    );
    await new Promise((r) => setTimeout(r, 50));
    leaving.abort();
    await Promise.all(gone);
    expect((await Promise.all(served)).map((r) => r.status)).toEqual([200, 200]);
    // if the two that left had kept their turns, nothing more could be served
    const after = await Promise.race([page(5, "leave-5"), new Promise<null>((r) => setTimeout(() => r(null), 5000))]);
    expect(after?.status).toBe(200);
  });
});
