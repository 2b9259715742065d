import type { Application } from "../../src/application.js";
import type { OrderKey, ReturnOrderEvent, ReturnProvider } from "../../src/returns/model.js";
import { waitFor } from "../helpers/processes.js";

/** Polls the store (not the provider: nobody reads the order) until `done` holds for the order's events. */
export async function eventsWhen(app: Application, key: OrderKey, done: (events: ReturnOrderEvent[]) => boolean, ms: number): Promise<ReturnOrderEvent[]> {
  let events: ReturnOrderEvent[] = [];
  const until = Date.now() + ms;
  while (Date.now() < until) {
    events = (await app.store.events.eventsOf([key])).get(`${key.provider}\u0000${key.account}\u0000${key.providerOrderNo}`) ?? [];
    if (done(events)) return events;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return events;
}

/** A metric's value for these labels (0 when it has none yet). */
export async function metricValue(app: Application, name: string, labels: Record<string, string>): Promise<number> {
  const metric = app.metrics.registry.getSingleMetric(name);
  if (!metric) return 0;
  const { values } = await metric.get();
  return values
    .filter((v) => Object.entries(labels).every(([k, want]) => String((v.labels as Record<string, unknown>)[k]) === want))
    .reduce((sum, v) => sum + v.value, 0);
}

/** Sync runs of one account on one replica, whatever their outcome. */
export const runsOf = (app: Application, provider: ReturnProvider) => metricValue(app, "returns_sync_runs_total", { provider, account: "default" });

export { waitFor };
