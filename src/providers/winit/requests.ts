import type { FieldViolation } from "../../returns/errors.js";
import type { CreateReturnOrderCommand } from "../../returns/model.js";
import type { WinitLineOptions, WinitReturnOptions } from "./graphql.js";
import { winitDate } from "./time.js";

// What the subgraph sends WINIT (seed 002, seed 003), and the create rules it checks before sending.

/** How the warehouse treats one line's goods: the line's own choice, else the order's, else SA. */
interface LineMethods {
  handleMethod: string;
  shelveMethod: string | null;
  goodMethod: string | null;
  defectiveMethod: string | null;
}

function methodsOf(options: WinitReturnOptions, line: WinitLineOptions | undefined): LineMethods {
  return {
    handleMethod: line?.handleMethod ?? options.handleMethod ?? "SA",
    shelveMethod: line?.shelveMethod ?? options.shelveMethod ?? null,
    goodMethod: line?.goodMethod ?? options.goodMethod ?? null,
    defectiveMethod: line?.defectiveMethod ?? options.defectiveMethod ?? null,
  };
}

function optionsOf(command: CreateReturnOrderCommand): WinitReturnOptions {
  return (command.options ?? {}) as WinitReturnOptions;
}

function decimal(value: number | null | undefined): string | undefined {
  return value == null ? undefined : String(value);
}

/** The `data` of `createReturnGoodsOrder` (seed 002's shape, including its capitalised keys). */
export function toCreateRequest(command: CreateReturnOrderCommand, customerOrderNo: string | null): Record<string, unknown> {
  const options = optionsOf(command);
  const sender = command.sender;
  const lineOptions = new Map<string, WinitLineOptions>((options.lines ?? []).map((l) => [l.sku, l]));
  const isWinitOutbound = options.isWinitOutbound ?? Boolean(command.outboundOrderNo);
  const data: Record<string, unknown> = {
    winitProductCode: options.winitProductCode ?? undefined,
    isWinitOutbound: isWinitOutbound ? "Y" : "N",
    warehouseCode: command.warehouseCode,
    customerOrderNo: customerOrderNo ?? "",
    outboundOrderNo: command.outboundOrderNo ?? "",
    // Without a sender the warehouse takes the outbound order's recipient (ORI).
    userInfoSource: sender ? "IRI" : "ORI",
    expressNo: command.trackingNumber ?? "",
    supplierName: command.carrier ?? undefined,
    VATNo: options.vatNo ?? "",
  };
  if (sender) {
    Object.assign(data, {
      name: sender.name ?? undefined,
      email: sender.email ?? undefined,
      phone: sender.phone ?? sender.mobile ?? undefined,
      country: sender.country ?? undefined,
      state: sender.province ?? undefined,
      houseNo: sender.houseNo ?? undefined,
      city: sender.city ?? undefined,
      postcode: sender.postcode ?? undefined,
      address1: sender.address1 ?? undefined,
      address2: sender.address2 ?? undefined,
    });
  }
  Object.assign(data, {
    packageLength: decimal(options.packageLength),
    packageWidth: decimal(options.packageWidth),
    packageHeight: decimal(options.packageHeight),
    packageWeight: decimal(options.packageWeight),
    ReturnGoodsList: command.lines.map((line) => {
      const extra = lineOptions.get(line.sku);
      const m = methodsOf(options, extra);
      const inspected = m.handleMethod === "WI";
      return {
        defectiveMethod: inspected ? (m.defectiveMethod ?? undefined) : undefined,
        goodMethod: inspected ? (m.goodMethod ?? undefined) : undefined,
        handleMethod: m.handleMethod,
        // "不传默认良品上架": meaningful with SA only, where WINIT defaults it to GOOD_SA.
        shelveMethod: m.handleMethod === "SA" ? (m.shelveMethod ?? undefined) : undefined,
        itemCodeList: extra?.itemCodes?.length
          ? extra.itemCodes.map((itemCode) => ({ handleMethod: inspected ? (m.goodMethod ?? "SA") : m.handleMethod, itemCode }))
          : undefined,
        productCode: line.sku,
        productNum: String(line.quantity),
        productionBatch: extra?.productionBatch ?? undefined,
        batchDate: extra?.batchDate ?? undefined,
        specification: extra?.specification ?? "",
      };
    }),
  });
  return JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
}

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

/**
 * Seed 002's per-line rules: WI needs both goodMethod and defectiveMethod, and a line's item
 * barcodes, when given, number exactly its quantity (error 02050240099).
 */
function lineRules(command: CreateReturnOrderCommand): FieldViolation[] {
  const options = optionsOf(command);
  const violations: FieldViolation[] = [];
  const optionLines = options.lines ?? [];
  command.lines.forEach((line, i) => {
    const at = optionLines.findIndex((l) => l.sku === line.sku);
    const extra = optionLines[at];
    const m = methodsOf(options, extra);
    const where = (field: string) => (extra?.handleMethod ? ["input", "winit", "lines", String(at), field] : ["input", "winit", field]);
    if (m.handleMethod === "WI") {
      if (!m.goodMethod) violations.push({ field: where("goodMethod"), message: `WINIT needs goodMethod with handleMethod WI (line ${i})` });
      if (!m.defectiveMethod) violations.push({ field: where("defectiveMethod"), message: `WINIT needs defectiveMethod with handleMethod WI (line ${i})` });
    }
    const codes = extra?.itemCodes?.length ?? 0;
    if (codes > 0 && codes !== line.quantity) {
      violations.push({
        field: ["input", "winit", "lines", String(at), "itemCodes"],
        message: `WINIT needs one item barcode per unit: ${codes} given for quantity ${line.quantity} of ${line.sku}`,
      });
    }
  });
  // One order-level or line-level option can be named by several lines: say it once.
  return [...new Map(violations.map((v) => [v.field.join("."), v])).values()];
}

/** What WINIT would refuse, or silently lose, in a create: answered as InvalidInput before calling it. */
export function createViolations(command: CreateReturnOrderCommand): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const options = optionsOf(command);
  const outbound = options.isWinitOutbound ?? Boolean(command.outboundOrderNo);
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
  if (!outbound && options.winitProductCode) {
    for (const field of ["packageLength", "packageWidth", "packageHeight", "packageWeight"] as const) {
      if (options[field] == null) {
        violations.push({ field: ["input", "winit", field], message: `WINIT needs ${field} to buy a return label for goods not shipped by WINIT` });
      }
    }
  }
  const skus = new Set(command.lines.map((l) => l.sku));
  (options.lines ?? []).forEach((line, i) => {
    if (!skus.has(line.sku)) violations.push({ field: ["input", "winit", "lines", String(i), "sku"], message: `no input line has sku ${line.sku}` });
  });
  return [...violations, ...unrepresentable(command), ...lineRules(command)];
}

/** The single-value filters of `queryReturnOderList` the subgraph uses (seed 003). */
export interface WinitListFilter {
  returnGoodsOrderNo?: string;
  customerOrderNo?: string;
  outboundOrderNo?: string;
  expressNo?: string;
  rmaNo?: string;
  warehouseCode?: string;
}

/** The `data` of `queryReturnOderList` ("Oder" is WINIT's spelling). */
export function toListRequest(filter: WinitListFilter, from: Date, to: Date, pageNo: number, pageSize: number) {
  return {
    ...filter,
    OderStartDatetime: winitDate(from),
    OderEndDatetime: winitDate(to),
    pageParams: { pageNo, pageSize },
  };
}
