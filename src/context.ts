import type { Loaders, ReturnOrderService } from "./returns/service.js";

/**
 * What every resolver gets for one request. The request id and the logger are not here: the id
 * travels in `requestScope` and every log line picks it up from there.
 */
export interface RequestContext {
  service: ReturnOrderService;
  loaders: Loaders;
}
