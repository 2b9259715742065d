import { trace, SpanKind, SpanStatusCode, type Span } from "@opentelemetry/api";

export const tracer = () => trace.getTracer("returns-subgraph");

/**
 * Starts exporting traces over OTLP/HTTP when an endpoint is configured. Without one the
 * OpenTelemetry API stays a no-op, spans cost nothing and the SDK (much of a process's memory) is never loaded.
 */
export async function startTracing(
  endpoint: string | undefined,
  serviceName = "returns-subgraph",
): Promise<{ shutdown(): Promise<void>; flush(): Promise<void> } | null> {
  if (!endpoint) return null;
  const [{ OTLPTraceExporter }, { resourceFromAttributes }, { BatchSpanProcessor, NodeTracerProvider }] = await Promise.all([
    import("@opentelemetry/exporter-trace-otlp-http"),
    import("@opentelemetry/resources"),
    import("@opentelemetry/sdk-trace-node"),
  ]);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, "")}/v1/traces` }))],
  });
  provider.register();
  return {
    shutdown: () => provider.shutdown(),
    flush: () => provider.forceFlush(),
  };
}

/** Runs `work` inside a client span named after the provider call. */
export async function providerSpan<T>(provider: string, account: string, operation: string, work: (span: Span) => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(
    `${provider} ${operation}`,
    { kind: SpanKind.CLIENT, attributes: { "returns.provider": provider, "returns.account": account, "returns.operation": operation } },
    async (span) => {
      try {
        return await work(span);
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
