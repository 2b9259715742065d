import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildSchema, getNamedType, isInputObjectType, isObjectType, isUnionType, type GraphQLNamedType, type GraphQLSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { qimenCoverage } from "./qimen.js";

// The Qimen table against its seed and the emitted schema (issue 17).

const SEED = qimenCoverage.seeds[0]!;
// `../shared/seeds/` beside the checkout (coverage.ts); a worktree under /work/wt/<branch> is one level deeper.
const seedPath = [process.env["SEEDS_DIR"], "../../../shared/seeds", "../../../../shared/seeds"]
  .filter((dir): dir is string => !!dir)
  .map((dir) => (dir.startsWith("/") ? `${dir}/${SEED}` : fileURLToPath(new URL(`${dir}/${SEED}`, import.meta.url))))
  .find((path) => existsSync(path));
if (!seedPath) throw new Error(`seed ${SEED} not found: set SEEDS_DIR`);
const seedText = readFileSync(seedPath, "utf8");
const schema = buildSchema(readFileSync(new URL("../../schema/returns.graphql", import.meta.url), "utf8"), { assumeValidSDL: true });
const fieldsOf = (text: string) => qimenCoverage.documented({ [SEED]: text }).map((f) => f.field);

/** Whether `Type.field.….field` (a union member named where it crosses a union) exists in the schema. */
function resolves(schema: GraphQLSchema, path: string): boolean {
  const [root, ...segments] = path.split(".");
  let type: GraphQLNamedType | undefined = schema.getType(root!) ?? undefined;
  for (const segment of segments) {
    if (!type) return false;
    if (isUnionType(type)) type = type.getTypes().find((t) => t.name === segment);
    else if (isObjectType(type) || isInputObjectType(type)) {
      const field = type.getFields()[segment];
      type = field ? getNamedType(field.type) : undefined;
    } else return false;
  }
  return type !== undefined;
}

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
    const missing = qimenCoverage.rows.flatMap((r) => r.graphql ?? []).filter((path) => !resolves(schema, path));
    expect(missing).toEqual([]);
  });
});
