// Preloaded with `node --import`: records the URL of every module the process resolves, one a line,
// in the file named by RECORD_IMPORTS_TO (tests prove what a start-up loads).
import { register } from "node:module";

register("./record-imports-hooks.mjs", import.meta.url);
