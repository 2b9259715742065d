import { buildSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { tableProblems } from "../fields/check.js";
import type { ProviderCoverage } from "../fields/coverage.js";

// Issue 17's complaint was fields that are sent but "cannot be read back" (Qimen's senderTown,
// extendProps, per-line flags). A row carrying a field only on an input type passed the checker:
// the table could list a field as carried while a read shows nothing of it.
const schema = buildSchema(`
  type Query { order: Order }
  type Order { town: String }
  input CreateInput { town: String }
`);
const table = (graphql: string[]): ProviderCoverage => ({
  seeds: ["seed.txt"],
  documented: () => [{ operation: "create", field: "senderInfo.town" }],
  rows: [{ operation: "create", field: "senderInfo.town", graphql }],
});

describe("the coverage checker, for a field a caller sets", () => {
  it("fails a row that carries it only into an input, with no path to read it back", () => {
    expect(tableProblems(table(["CreateInput.town"]), { "seed.txt": "" }, schema)).toEqual([expect.stringContaining("create senderInfo.town")]);
  });

  it("passes it set and read back, and a field that is only read", () => {
    expect(tableProblems(table(["CreateInput.town", "Order.town"]), { "seed.txt": "" }, schema)).toEqual([]);
    expect(tableProblems(table(["Order.town"]), { "seed.txt": "" }, schema)).toEqual([]);
  });
});
