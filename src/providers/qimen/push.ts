import type { Logger } from "../../logger.js";
import type { IncomingPush, PushReading, PushReply } from "../../webhooks/types.js";
import { QIMEN_METHODS } from "./client.js";
import { applyConfirm, parseConfirm, QimenConfirmError } from "./confirm.js";
import { qimenSignatureMatches } from "./signing.js";
import { withCurrentDetails } from "./mapper.js";
import { parseQimenTime } from "./time.js";
import { buildQimenXml, parseQimenXml, QimenXmlError } from "./xml.js";

/** How far a push's timestamp may be from our clock (Qimen's gateways allow ten minutes). */
export const QIMEN_PUSH_MAX_SKEW_MS = 10 * 60_000;

export interface QimenAccountKeys {
  appKey: string;
  appSecret: string;
  customerId: string;
}

/** Qimen's push answer: `<response><flag/><code/><message/></response>`. */
export function qimenReply(status: number, flag: "success" | "failure", code: string, message: string): PushReply {
  return { status, contentType: "text/xml; charset=utf-8", body: buildQimenXml("response", { flag, code, message }) };
}

export function refuseQimenPush(status: number, message: string): PushReply {
  const code = status >= 500 ? "isp.service-unavailable" : status === 413 ? "isv.body-too-large" : "isv.invalid-parameter";
  return qimenReply(status, "failure", code, message);
}

/**
 * `taobao.qimen.returnorder.confirm`: verified against one account's key and secret; applied to
 * the stored order (its system of record), once per outBizCode.
 */
export function readQimenConfirm(push: IncomingPush, account: string, keys: QimenAccountKeys, logger: Logger): PushReading {
  const q = push.query;
  const refuse = (status: number, code: string, message: string): PushReading => ({ kind: "refused", reply: qimenReply(status, "failure", code, message) });
  if (q["app_key"] !== keys.appKey || (q["customerId"] && q["customerId"] !== keys.customerId)) {
    return { kind: "not-mine", reply: qimenReply(401, "failure", "isv.invalid-app-key", "the push is not for a configured Qimen account") };
  }
  const body = push.body.toString("utf8");
  if (!qimenSignatureMatches(q, body, keys.appSecret)) {
    return { kind: "not-mine", reply: qimenReply(401, "failure", "sign-check-failure", "Illegal request") };
  }
  if (q["method"] !== QIMEN_METHODS.confirm) return refuse(400, "isv.invalid-method", `this endpoint receives ${QIMEN_METHODS.confirm} only`);
  const sentAt = parseQimenTime(q["timestamp"]);
  if (!sentAt || Math.abs(sentAt.getTime() - push.receivedAt.getTime()) > QIMEN_PUSH_MAX_SKEW_MS) {
    return refuse(400, "isv.invalid-timestamp", "the timestamp is missing or more than ten minutes off");
  }
  let confirm;
  try {
    confirm = parseConfirm(parseQimenXml(body));
  } catch (error) {
    if (!(error instanceof QimenXmlError || error instanceof QimenConfirmError)) throw error;
    // A signed confirm refused for its content is the warehouse's to fix: say so where operators look.
    logger.warn({ provider: "QIMEN", account, code: "QIMEN_CONFIRM_REFUSED", reason: error.message }, "a signed Qimen confirm was refused");
    return refuse(400, "isv.invalid-parameter", error.message);
  }
  const received = confirm;
  return {
    kind: "change",
    change: {
      dedupeKey: `${account}/${confirm.outBizCode}`,
      order: { provider: "QIMEN", account, providerOrderNo: confirm.returnOrderCode },
      // Dated when it reached us: orderConfirmTime has whole seconds only and would sort before the create.
      at: push.receivedAt,
      readsCurrent: true,
      // Only orders this subgraph created live here; a confirm for another is refused, not invented.
      apply: (current) => (current ? applyConfirm(withCurrentDetails(current), received, push.receivedAt) : null),
      keepSnapshot: true,
      replies: {
        applied: qimenReply(200, "success", "0", "received"),
        duplicate: qimenReply(200, "success", "0", "already received"),
        "unknown-order": qimenReply(200, "failure", "ORDER_NOT_FOUND", `no return order ${confirm.returnOrderCode} was created through this subgraph`),
      },
      summary: { returnOrderCode: confirm.returnOrderCode, outBizCode: confirm.outBizCode },
    },
  };
}
