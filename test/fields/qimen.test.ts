import { buildSchema } from "graphql";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { pathProblem, readSeeds } from "./check.js";
import { qimenCoverage } from "./qimen.js";

// The Qimen table against its seed and the emitted schema (issue 17).

const SEED = qimenCoverage.seeds[0]!;
const seedText = readSeeds([SEED])[SEED]!;
const schema = buildSchema(readFileSync(new URL("../../schema/returns.graphql", import.meta.url), "utf8"), { assumeValidSDL: true });
const fieldsOf = (text: string) => qimenCoverage.documented({ [SEED]: text }).map((f) => f.field);

describe("Qimen field coverage (seed 004)", () => {
  it("reads every field of seed 004's request and answer, each where the Java example sets it", () => {
    const fields = fieldsOf(seedText);
    expect(new Set(fields).size).toBe(fields.length);
    expect(fields.filter((f) => f.endsWith("extendProps"))).toEqual([
      "returnOrder.senderInfo.extendProps",
      "returnOrder.extendProps",
      "orderLines.extendProps",
      "extendProps",
    ]);
    expect(fields).toEqual(
      expect.arrayContaining(["returnOrder.remark", "returnOrder.senderInfo.town", "orderLines.snList.sn", "orderLines.orderFlag", "response.returnOrderId"]),
    );
  });

  it("picks up a field added to the seed without a list being edited", () => {
    const added = seedText
      .replace(
        "  • └ extendProps\n  • Map\n  • 可选\n  • 退货单信息扩展字段",
        "  • └ extendProps\n  • Map\n  • 可选\n  • 退货单信息扩展字段\n  • └ refundCode\n  • String\n  • 可选\n  • RF1\n  • 退款单号",
      )
      .replace('obj5.setSellerNick("卖家名称");', 'obj5.setSellerNick("卖家名称");\nobj5.setRefundCode("RF1");');
    expect(added).not.toBe(seedText);
    expect(fieldsOf(added)).toEqual([...fieldsOf(seedText).slice(0, 30), "returnOrder.refundCode", ...fieldsOf(seedText).slice(30)]);
  });

  it("has one row for each documented field, and no row for a field the seed does not document", () => {
    const documented = fieldsOf(seedText).sort();
    const rows = qimenCoverage.rows.map((r) => r.field).sort();
    expect(rows).toEqual(documented);
    expect(qimenCoverage.rows.every((r) => r.operation === "create")).toBe(true);
  });

  it("names only GraphQL paths that exist in the emitted schema", () => {
    const missing = qimenCoverage.rows.flatMap((r) => r.graphql ?? []).filter((path) => pathProblem(schema, path) !== null);
    expect(missing).toEqual([]);
  });
});
