import type { CreateReturnOrderCommand } from "../../returns/model.js";
import type { WinitLineOptions, WinitReturnOptions } from "./graphql.js";
import { winitDate } from "./time.js";

// What the subgraph sends WINIT (seed 002, seed 003). The rules it checks first are in rules.ts.

/** How the warehouse treats one line's goods: the line's own choice, else the order's, else SA. */
export interface LineMethods {
  handleMethod: string;
  shelveMethod: string | null;
  goodMethod: string | null;
  defectiveMethod: string | null;
}

export function methodsOf(options: WinitReturnOptions, line: WinitLineOptions | undefined): LineMethods {
  return {
    handleMethod: line?.handleMethod ?? options.handleMethod ?? "SA",
    shelveMethod: line?.shelveMethod ?? options.shelveMethod ?? null,
    goodMethod: line?.goodMethod ?? options.goodMethod ?? null,
    defectiveMethod: line?.defectiveMethod ?? options.defectiveMethod ?? null,
  };
}

export function optionsOf(command: CreateReturnOrderCommand): WinitReturnOptions {
  return (command.options ?? {}) as WinitReturnOptions;
}

/** Whether the goods left with a WINIT outbound order: as said, else whether an outbound order is named. */
export function isWinitOutbound(command: CreateReturnOrderCommand): boolean {
  return optionsOf(command).isWinitOutbound ?? Boolean(command.outboundOrderNo);
}

function decimal(value: number | null | undefined): string | undefined {
  return value == null ? undefined : String(value);
}

/** A line's itemCodeList: each barcode with its own handling, else the line's (its goodMethod under WI). */
function itemCodeList(extra: WinitLineOptions | undefined, m: LineMethods) {
  const fallback = m.handleMethod === "WI" ? (m.goodMethod ?? "SA") : m.handleMethod;
  const items = extra?.items?.length ? extra.items : (extra?.itemCodes ?? []).map((itemCode) => ({ itemCode, handleMethod: null }));
  return items.length ? items.map((i) => ({ handleMethod: i.handleMethod ?? fallback, itemCode: i.itemCode })) : undefined;
}

/** The `data` of `createReturnGoodsOrder` (seed 002's shape, including its capitalised keys). */
export function toCreateRequest(command: CreateReturnOrderCommand, customerOrderNo: string | null): Record<string, unknown> {
  const options = optionsOf(command);
  const sender = command.sender;
  const lineOptions = new Map<string, WinitLineOptions>((options.lines ?? []).map((l) => [l.sku, l]));
  const data: Record<string, unknown> = {
    winitProductCode: options.winitProductCode ?? undefined,
    isWinitOutbound: isWinitOutbound(command) ? "Y" : "N",
    warehouseCode: command.warehouseCode,
    customerOrderNo: customerOrderNo ?? "",
    outboundOrderNo: command.outboundOrderNo ?? "",
    // Without a sender the warehouse takes the outbound order's recipient (ORI).
    userInfoSource: sender ? "IRI" : "ORI",
    expressNo: command.trackingNumber ?? "",
    supplierName: command.carrier ?? undefined,
    VATNo: options.vatNo ?? "",
    ownerCode: options.ownerCode ?? undefined,
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
        itemCodeList: itemCodeList(extra, m),
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

/** Seed 003 documents its text filters as String(32): a longer value cannot be one of them and is not sent. */
export const WINIT_FILTER_MAX_LENGTH = 32;

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
