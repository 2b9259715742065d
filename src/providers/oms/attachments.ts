import type { FieldViolation } from "../../returns/errors.js";

// Attachments are checked here, before anything is sent: a 30 MB scan or a text that is not
// base64 is the caller's mistake and must not cost an upstream call (or be half-uploaded).

export const OMS_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Allowed extensions and the leading bytes a real file of that type starts with. */
const TYPES: Record<string, { label: string; magic: number[][] }> = {
  pdf: { label: "PDF", magic: [[0x25, 0x50, 0x44, 0x46]] }, // %PDF
  png: { label: "PNG", magic: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]] },
  jpg: { label: "JPEG", magic: [[0xff, 0xd8, 0xff]] },
  jpeg: { label: "JPEG", magic: [[0xff, 0xd8, 0xff]] },
};

export const OMS_ATTACHMENT_EXTENSIONS = Object.keys(TYPES);

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export interface AttachmentLike {
  fileName?: string | null;
  base64?: string | null;
  attachmentType?: string | null;
}

/** The decoded size of a base64 text, without decoding it. */
export function decodedSize(base64: string): number {
  const padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

/** Every problem of the given attachments, with paths under `path` (e.g. input.oms.attachments). */
export function attachmentViolations(attachments: AttachmentLike[] | null | undefined, path: string[], maxBytes = OMS_MAX_ATTACHMENT_BYTES): FieldViolation[] {
  const violations: FieldViolation[] = [];
  (attachments ?? []).forEach((attachment, i) => {
    const here = [...path, String(i)];
    const name = attachment.fileName ?? "";
    const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? "";
    const type = TYPES[extension];
    if (!type) {
      violations.push({ field: [...here, "fileName"], message: `${name || "the file"}: only ${OMS_ATTACHMENT_EXTENSIONS.join(", ")} files are accepted` });
    }
    const base64 = attachment.base64 ?? "";
    if (base64.length === 0) {
      violations.push({ field: [...here, "base64"], message: `${name}: the file is empty` });
      return;
    }
    // Size first: it is cheap and says the real problem even when the text is also malformed.
    const size = decodedSize(base64);
    if (size > maxBytes) {
      violations.push({
        field: [...here, "base64"],
        message: `${name}: ${(size / 1048576).toFixed(1)} MB is over the ${(maxBytes / 1048576).toFixed(0)} MB limit per file`,
      });
      return;
    }
    if (!BASE64.test(base64)) {
      violations.push({
        field: [...here, "base64"],
        message: `${name}: base64 is not valid base64 (plain base64 expected, without a data: prefix or line breaks)`,
      });
      return;
    }
    if (type) {
      const head = Buffer.from(base64.slice(0, 16), "base64");
      if (!type.magic.some((m) => m.every((byte, j) => head[j] === byte))) {
        violations.push({ field: [...here, "base64"], message: `${name}: the content is not a ${type.label} file` });
      }
    }
  });
  return violations;
}
