// Prints the README's field-coverage block (issue 17) from the tables in test/fields/; `--write`
// puts it into README.md. Problems in a table (a documented field without a row, a path that does
// not resolve) are listed and fail the script, as they fail test/fields/coverage.test.ts.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildReturnsSchema } from "../src/schema/build.js";
import { REPO_ROOT, loadTables, readSeeds, renderReadmeBlock, tableProblems, withReadmeBlock } from "../test/fields/check.js";

const tables = await loadTables();
const schema = await buildReturnsSchema();
let failed = false;
for (const { name, table } of tables) {
  for (const problem of tableProblems(table, readSeeds(table.seeds), schema)) {
    console.error(`${name}: ${problem}`);
    failed = true;
  }
}
const block = renderReadmeBlock(tables);
if (process.argv.includes("--write")) {
  const path = join(REPO_ROOT, "README.md");
  writeFileSync(path, withReadmeBlock(readFileSync(path, "utf8"), block));
  console.log(`wrote the field-coverage block of README.md (${tables.length} provider tables)`);
} else {
  console.log(block);
}
if (failed) process.exit(1);
