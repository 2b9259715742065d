import type { FieldViolation } from "../../returns/errors.js";
import type { CreateReturnOrderCommand } from "../../returns/model.js";
import type { WinitLineOptions } from "./graphql.js";
import { isWinitOutbound, methodsOf, optionsOf, WINIT_FILTER_MAX_LENGTH, type LineMethods } from "./requests.js";
import { isWinitDate } from "./time.js";

// Seed 002's create rules, checked before anything is sent: what WINIT would refuse, or lose.

const PACKAGE_FIELDS = ["packageLength", "packageWidth", "packageHeight", "packageWeight"] as const;

/** Fields of the unified create that WINIT's create has no place for (seed 002, the SDK). */
function unrepresentable(command: CreateReturnOrderCommand): FieldViolation[] {
  const violations: FieldViolation[] = [];
  if (command.reason != null) violations.push({ field: ["input", "reason"], message: "WINIT's create has no reason field" });
  if (command.remark != null) violations.push({ field: ["input", "remark"], message: "WINIT's create has no remark field" });
  command.lines.forEach((line, i) => {
    if (line.remark != null) violations.push({ field: ["input", "lines", String(i), "remark"], message: "WINIT's create has no line remark" });
  });
  for (const field of ["company", "district"] as const) {
    if (command.sender?.[field] != null) violations.push({ field: ["input", "sender", field], message: `WINIT's create has no sender ${field}` });
  }
  return violations;
}

/** Who may return goods that did not leave with a WINIT outbound order: only by a WINIT return label (seed 002 isWinitOutbound). */
function headerRules(command: CreateReturnOrderCommand): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const options = optionsOf(command);
  const outbound = isWinitOutbound(command);
  if (outbound && !command.outboundOrderNo) {
    violations.push({ field: ["input", "outboundOrderNo"], message: "WINIT needs outboundOrderNo for a return of a WINIT outbound order" });
  }
  if (!command.sender && !outbound) {
    violations.push({ field: ["input", "sender"], message: "WINIT needs the sender unless the return starts from a WINIT outbound order" });
  }
  if (command.sender) {
    for (const field of ["name", "country", "city", "postcode", "address1"] as const) {
      if (!command.sender[field]) violations.push({ field: ["input", "sender", field], message: `WINIT requires sender.${field}` });
    }
  }
  if ((command.referenceNo?.length ?? 0) > WINIT_FILTER_MAX_LENGTH) {
    violations.push({
      field: ["input", "referenceNo"],
      message: `WINIT's query takes a customerOrderNo of at most ${WINIT_FILTER_MAX_LENGTH} characters: a longer reference could never be looked up again`,
    });
  }
  if (!outbound) {
    if (!options.winitProductCode) {
      violations.push({
        field: ["input", "winit", "winitProductCode"],
        message: "WINIT returns goods it did not ship only with its return label: name the label's channel (winitProductCode)",
      });
    }
    for (const field of PACKAGE_FIELDS) {
      if (options[field] == null) {
        violations.push({ field: ["input", "winit", field], message: `WINIT needs ${field} to buy a return label for goods not shipped by WINIT` });
      }
    }
  }
  return violations;
}

/** Where a missing handling option belongs: with the line's own handleMethod, on the line; else on the order. */
function placeOf(line: WinitLineOptions | undefined, at: number, field: keyof LineMethods): string[] {
  return line?.handleMethod ? ["input", "winit", "lines", String(at), field] : ["input", "winit", field];
}

/** A handling option that applies to none of the lines it was given for would be dropped: refused instead. */
function unusedMethods(command: CreateReturnOrderCommand): FieldViolation[] {
  const options = optionsOf(command);
  const optionLines = options.lines ?? [];
  const methods = command.lines.map((line) =>
    methodsOf(
      options,
      optionLines.find((l) => l.sku === line.sku),
    ),
  );
  const violations: FieldViolation[] = [];
  const needs = { shelveMethod: "SA", goodMethod: "WI", defectiveMethod: "WI" } as const;
  for (const field of ["shelveMethod", "goodMethod", "defectiveMethod"] as const) {
    const wanted = needs[field];
    optionLines.forEach((line, i) => {
      if (line[field] && methodsOf(options, line).handleMethod !== wanted) {
        violations.push({ field: ["input", "winit", "lines", String(i), field], message: `WINIT takes ${field} only with handleMethod ${wanted}` });
      }
    });
    if (options[field] && !methods.some((m) => m.handleMethod === wanted)) {
      violations.push({ field: ["input", "winit", field], message: `WINIT takes ${field} only with handleMethod ${wanted}, which no line has` });
    }
  }
  return violations;
}

/**
 * Seed 002's per-line rules: WI needs both goodMethod and defectiveMethod, a line's item barcodes,
 * when given, number exactly its quantity (error 02050240099), and a batch date is a real day.
 */
function lineRules(command: CreateReturnOrderCommand): FieldViolation[] {
  const options = optionsOf(command);
  const violations: FieldViolation[] = [];
  const optionLines = options.lines ?? [];
  command.lines.forEach((line, i) => {
    const at = optionLines.findIndex((l) => l.sku === line.sku);
    const extra = optionLines[at];
    const m = methodsOf(options, extra);
    if (m.handleMethod === "WI") {
      if (!m.goodMethod) violations.push({ field: placeOf(extra, at, "goodMethod"), message: `WINIT needs goodMethod with handleMethod WI (line ${i})` });
      if (!m.defectiveMethod) {
        violations.push({ field: placeOf(extra, at, "defectiveMethod"), message: `WINIT needs defectiveMethod with handleMethod WI (line ${i})` });
      }
    }
    if (!extra) return;
    const lineField = (field: string) => ["input", "winit", "lines", String(at), field];
    if (extra.itemCodes?.length && extra.items?.length) violations.push({ field: lineField("items"), message: "give itemCodes or items, not both" });
    const codes = extra.items?.length || extra.itemCodes?.length || 0;
    if (codes > 0 && codes !== line.quantity) {
      violations.push({
        field: lineField(extra.items?.length ? "items" : "itemCodes"),
        message: `WINIT needs one item barcode per unit: ${codes} given for quantity ${line.quantity} of ${line.sku}`,
      });
    }
    if (extra.batchDate && !isWinitDate(extra.batchDate)) {
      violations.push({ field: lineField("batchDate"), message: `batchDate ${extra.batchDate} is not a day of the calendar` });
    }
  });
  // One order-level or line-level option can be named by several lines: say it once.
  return [...new Map(violations.map((v) => [v.field.join("."), v])).values()];
}

/** What WINIT would refuse, or silently lose, in a create: answered as InvalidInput before calling it. */
export function createViolations(command: CreateReturnOrderCommand): FieldViolation[] {
  const skus = new Set(command.lines.map((l) => l.sku));
  const unknownLines: FieldViolation[] = [];
  (optionsOf(command).lines ?? []).forEach((line, i) => {
    if (!skus.has(line.sku)) unknownLines.push({ field: ["input", "winit", "lines", String(i), "sku"], message: `no input line has sku ${line.sku}` });
  });
  return [...headerRules(command), ...unknownLines, ...unrepresentable(command), ...lineRules(command), ...unusedMethods(command)];
}
