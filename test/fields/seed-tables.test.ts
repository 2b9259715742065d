import { describe, expect, it } from "vitest";
import { readSeeds } from "./check.js";
import { omsCoverage } from "./oms.js";
import { qianyiCoverage } from "./qianyi.js";

// The coverage tables read their documented fields from the seed texts: a field the seed gains
// is documented at once (and so needs a row), without anyone editing a list.

const seed = (name: string) => readSeeds([name])[name]!;
const QIANYI = "001_a0ffdba30d20ed33.txt";
const OMS = "000_bd83f288224ccc7c.txt";

describe("documented fields come from the seed texts", () => {
  it("finds a field added to a Qianyi table, nested ones under their parent", () => {
    const text = seed(QIANYI);
    const added = text
      .replace("withCommitTime | N | Boolean", "newFilter | N | String | x | y |\nwithCommitTime | N | Boolean")
      .replace("receiveQuantity | Y | Number | 实收数量", "receiveQuantity | Y | Number | 实收数量\nbatchNo | N | String | 批次 |");
    const before = qianyiCoverage.documented({ [QIANYI]: text });
    const after = qianyiCoverage.documented({ [QIANYI]: added });
    const fresh = after.filter((f) => !before.some((b) => b.operation === f.operation && b.field === f.field));
    expect(fresh).toHaveLength(3);
    expect(fresh).toEqual(
      expect.arrayContaining([
        { operation: "query", field: "newFilter" },
        // LocAndQuantity is typed by both the create's and the query's ReturnOrder.
        { operation: "create", field: "answer.result.returnSkuList.locAndQuantityList.batchNo" },
        { operation: "query", field: "answer.result.returnSkuList.locAndQuantityList.batchNo" },
      ]),
    );
  });

  it("finds a field added to the OMS's update example", () => {
    const text = seed(OMS);
    const added = text.replace('"code2": "string",', '"code2": "string",\n    "newField": "string",');
    const fields = omsCoverage.documented({ [OMS]: added }).map((f) => f.field);
    expect(fields).toContain("newField");
    expect(fields.length).toBe(omsCoverage.documented({ [OMS]: text }).length + 1);
  });
});
