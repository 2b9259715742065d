import type { FieldViolation } from "../../returns/errors.js";
import type { CreateReturnOrderCommand } from "../../returns/model.js";
import type { QimenExtendPropInput, QimenReturnOptions } from "./options.js";
import { QIMEN_CODE_LENGTH, QIMEN_NAME_LENGTH, QIMEN_REMARK_LENGTH } from "./rules.js";

// A Qimen create's own rules (seed 004), checked before anything is sent. Pure.

/** The codes this subgraph makes (`QR` + an attempt token, or + a time and random digits): a caller's code must not look like one. */
const OWN_CODE = /^QR[0-9A-F]{26,28}$/;

/** Common input fields whose Qimen element has a documented (or sibling-documented) length. */
const LENGTHS: [keyof CreateReturnOrderCommand, string, number][] = [
  ["warehouseCode", "warehouseCode", QIMEN_CODE_LENGTH],
  ["outboundOrderNo", "preDeliveryOrderCode", QIMEN_CODE_LENGTH],
  ["trackingNumber", "expressCode", QIMEN_CODE_LENGTH],
  ["carrier", "logisticsName", QIMEN_NAME_LENGTH],
  ["remark", "remark", QIMEN_REMARK_LENGTH],
];

export function validateQimenCreate(command: CreateReturnOrderCommand): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const options = command.options as QimenReturnOptions | null;
  if (!options) violations.push({ field: ["input", "qimen"], message: "Qimen needs the qimen block (ownerCode, logisticsCode)" });
  if (!command.outboundOrderNo)
    violations.push({ field: ["input", "outboundOrderNo"], message: "Qimen requires the original outbound order (preDeliveryOrderCode)" });
  for (const [field, element, max] of LENGTHS) {
    const value = command[field];
    if (typeof value === "string" && value.length > max)
      violations.push({ field: ["input", field], message: `Qimen's ${element} takes at most ${max} characters` });
  }
  command.lines.forEach((line, i) => {
    if (line.sku.length > QIMEN_CODE_LENGTH)
      violations.push({ field: ["input", "lines", String(i), "sku"], message: `Qimen's itemCode takes at most ${QIMEN_CODE_LENGTH} characters` });
  });
  violations.push(...senderViolations(command));
  violations.push(...lineViolations(command, options));
  (options?.orderFlags ?? []).forEach((flag, i) => {
    if (flag.includes("^")) violations.push({ field: ["input", "qimen", "orderFlags", String(i)], message: "a flag must not contain ^ (Qimen's separator)" });
  });
  if (options?.returnOrderCode && OWN_CODE.test(options.returnOrderCode)) {
    violations.push({ field: ["input", "qimen", "returnOrderCode"], message: "codes of the form QR + hex digits are the subgraph's own; choose another" });
  }
  violations.push(...duplicateKeys(options?.extendProps, ["input", "qimen", "extendProps"]));
  violations.push(...duplicateKeys(options?.senderExtendProps, ["input", "qimen", "senderExtendProps"]));
  violations.push(...duplicateKeys(options?.requestExtendProps, ["input", "qimen", "requestExtendProps"]));
  (options?.lines ?? []).forEach((line, i) => violations.push(...duplicateKeys(line.extendProps, ["input", "qimen", "lines", String(i), "extendProps"])));
  return violations;
}

function senderViolations(command: CreateReturnOrderCommand): FieldViolation[] {
  if (!command.sender) return [{ field: ["input", "sender"], message: "Qimen requires the sender (name, mobile, province, city, address1)" }];
  const violations: FieldViolation[] = [];
  for (const field of ["name", "mobile", "province", "city", "address1"] as const) {
    if (!command.sender[field]) violations.push({ field: ["input", "sender", field], message: `Qimen requires sender.${field}` });
  }
  if (command.sender.country && !/^[A-Za-z]{2}$/.test(command.sender.country)) {
    violations.push({ field: ["input", "sender", "country"], message: "Qimen takes the country as its two-letter code (countryCode)" });
  }
  return violations;
}

/**
 * Every orderLine needs its `returnReason` and `orderFlag` (必须 per line in seed 004): its own
 * (qimen.lines[]) or the order's standing in. A line lacking one is named: its qimen.lines entry's
 * field when it has one, else the order's field that would stand in.
 */
function lineViolations(command: CreateReturnOrderCommand, options: QimenReturnOptions | null): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const extras = options?.lines ?? [];
  const skus = new Set(command.lines.map((l) => l.sku));
  extras.forEach((line, i) => {
    if (!skus.has(line.sku)) violations.push({ field: ["input", "qimen", "lines", String(i), "sku"], message: `no input line has sku ${line.sku}` });
    // One entry per sku: it applies to every input line of that sku, so a second would be lost.
    const first = extras.findIndex((e) => e.sku === line.sku);
    if (first < i)
      violations.push({ field: ["input", "qimen", "lines", String(i), "sku"], message: `sku ${line.sku} has its options already (qimen.lines ${first})` });
  });
  const orderFlags = (options?.orderFlags ?? []).some((f) => f.trim());
  // Lines lacking what the order's field would give them are named together, on that field.
  const lacking = new Map<string, { field: string[]; what: string; lines: string[] }>();
  const lack = (field: string[], what: string, line: string) => {
    const entry = lacking.get(field.join(".")) ?? { field, what, lines: [] };
    entry.lines.push(line);
    lacking.set(field.join("."), entry);
  };
  command.lines.forEach((line, i) => {
    const j = extras.findIndex((e) => e.sku === line.sku);
    const extra = j >= 0 ? extras[j] : undefined;
    const own = (field: string) => (j >= 0 ? ["input", "qimen", "lines", String(j), field] : null);
    const which = `line ${i} (sku ${line.sku})`;
    if (!command.reason && !extra?.returnReason)
      lack(own("returnReason") ?? ["input", "reason"], "returnReason (reason, or qimen.lines[].returnReason)", which);
    // Without the qimen block its absence is the violation already.
    if (options && !orderFlags && !(extra?.orderFlags ?? []).some((f) => f.trim()))
      lack(own("orderFlags") ?? ["input", "qimen", "orderFlags"], "orderFlag (qimen.orderFlags, or qimen.lines[].orderFlags)", which);
  });
  for (const { field, what, lines } of lacking.values()) {
    violations.push({ field, message: `Qimen requires ${what} on every line: ${lines.join(", ")} has none` });
  }
  return violations;
}

function duplicateKeys(entries: readonly QimenExtendPropInput[] | null | undefined, field: string[]): FieldViolation[] {
  const seen = new Set<string>();
  const violations: FieldViolation[] = [];
  (entries ?? []).forEach((entry, i) => {
    if (seen.has(entry.key)) violations.push({ field: [...field, String(i), "key"], message: `extendProps key ${entry.key} is given twice` });
    seen.add(entry.key);
  });
  return violations;
}
