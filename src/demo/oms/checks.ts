import { OMS_EMULATOR_WAREHOUSE_CODES } from "./data.js";
import { BASE64, isRealDate, NUMERIC_CODES, str } from "./fields.js";
import { base64Bytes, MAX_ATTACHMENT_BYTES, OMS_EMULATOR_CODES } from "./wire.js";

// The emulator's field checks on a create or update body, by its own reading of seed 000 and the
// sibling modules. The first failure is the answer.

type Body = Record<string, unknown>;

export interface Refusal {
  code: string;
  message: string;
  errors: { field: string; message: string }[];
}

const refuse = (code: string, message: string, field: string, why: string): Refusal => ({ code, message, errors: [{ field, message: why }] });
const badValue = (field: string, why: string) => refuse(OMS_EMULATOR_CODES.badValue, "参数校验失败", field, why);
export const missingField = (fields: string[]): Refusal => ({
  code: OMS_EMULATOR_CODES.missingField,
  message: "参数校验失败",
  errors: fields.map((field) => ({ field, message: `${field}不能为空 (${field} is required)` })),
});

/** The per-item codes (seed 000 shows "-1"): numeric text or a number. */
const ITEM_CODES = ["productQuality", "handleType"] as const;

function checkItems(items: unknown): Refusal | null {
  if (!Array.isArray(items) || items.length === 0) return missingField(["itemDTOs"]);
  for (const [i, item] of (items as Body[]).entries()) {
    if (!str(item?.["productSku"])) return missingField([`itemDTOs[${i}].productSku`]);
    const qty = Number(item["qty"]);
    if (!Number.isInteger(qty) || qty < 1) return badValue(`itemDTOs[${i}].qty`, "数量必须大于0");
    for (const code of ITEM_CODES) {
      const value = str(item[code]);
      if (value && !/^-?\d+$/.test(value)) return badValue(`itemDTOs[${i}].${code}`, `${code}必须是数字`);
    }
  }
  return null;
}

function checkAttachments(files: unknown): Refusal | null {
  if (files !== undefined && !Array.isArray(files)) return badValue("attachmentOpenDTOs", "must be a list");
  for (const [i, file] of ((files ?? []) as Body[]).entries()) {
    if (!str(file?.["fileName"])) return missingField([`attachmentOpenDTOs[${i}].fileName`]);
    const data = str(file["base64"]);
    if (!data) return missingField([`attachmentOpenDTOs[${i}].base64`]);
    if (!BASE64.test(data)) return refuse(OMS_EMULATOR_CODES.badValue, "附件格式错误", `attachmentOpenDTOs[${i}].base64`, "not base64");
    if (base64Bytes(data) > MAX_ATTACHMENT_BYTES) return refuse(OMS_EMULATOR_CODES.badValue, "附件过大", `attachmentOpenDTOs[${i}].base64`, "over 10 MB");
  }
  return null;
}

export function checkFields(body: Body): Refusal | null {
  for (const field of ["pickupDate", "etaDate"]) {
    const value = str(body[field]);
    if (value && !isRealDate(value)) return badValue(field, `${field}格式应为yyyy-MM-dd (a real day)`);
  }
  for (const field of NUMERIC_CODES) {
    const value = str(body[field]);
    if (value && !/^-?\d+$/.test(value)) return badValue(field, `${field}必须是数字`);
  }
  const country = str(body["code2"]);
  if (country && !/^[A-Z]{2}$/.test(country)) return badValue("code2", "国家二字码 must be two capital letters");
  const warehouse = str(body["warehouseCode"]);
  if (warehouse && !OMS_EMULATOR_WAREHOUSE_CODES.includes(warehouse)) {
    return refuse(OMS_EMULATOR_CODES.badValue, "仓库不存在", "warehouseCode", `仓库${warehouse}不存在`);
  }
  if (body["itemDTOs"] !== undefined) {
    const refused = checkItems(body["itemDTOs"]);
    if (refused) return refused;
  }
  return checkAttachments(body["attachmentOpenDTOs"]);
}
