import type { Logger } from "./logger.js";
import type { Loaders, ReturnOrderService } from "./returns/service.js";

/** What every resolver gets for one request. */
export interface RequestContext {
  service: ReturnOrderService;
  loaders: Loaders;
  logger: Logger;
  requestId: string;
}
