import type { Config } from './config.js';

/** Flushes what telemetry holds and stops exporting; resolves at once when nothing was started. */
export type StopTelemetry = () => Promise<void>;

/**
 * Starts OpenTelemetry before the rest of the bot is loaded, so its instrumentations see Node's HTTP
 * server and client, PostgreSQL and Redis as they are first required: incoming requests, the Bot
 * Connector's calls and the store's become requests and dependencies. Application Insights when its
 * connection string is set (Azure Monitor's own distribution: requests, dependencies, the product's
 * metrics and standard metrics, to the connection string's IngestionEndpoint over HTTPS), OTLP when an
 * OTLP endpoint is (traces, metrics and logs, as the OTEL_* variables configure the exporters), else
 * nothing: the packages are not even loaded, so local development and the tests pay nothing for them.
 */
export async function startTelemetry(telemetry: Config['telemetry']): Promise<StopTelemetry> {
  if (!telemetry) return async () => {};
  // Application Insights' cloud role and OTLP's service name; the platform's detectors add the rest.
  const { resourceFromAttributes } = await import('@opentelemetry/resources');
  const resource = resourceFromAttributes({ 'service.name': telemetry.serviceName });
  if (telemetry.exporter === 'azure-monitor') {
    const { useAzureMonitor, shutdownAzureMonitor } = await import('@azure/monitor-opentelemetry');
    useAzureMonitor({
      resource,
      azureMonitorExporterOptions: { connectionString: telemetry.connectionString },
      instrumentationOptions: {
        http: { enabled: true },
        azureSdk: { enabled: true },
        postgreSql: { enabled: true },
        redis4: { enabled: true },
      },
    });
    return shutdownAzureMonitor;
  }
  const [{ NodeSDK }, { HttpInstrumentation }, { PgInstrumentation }, { RedisInstrumentation }] = await Promise.all([
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/instrumentation-http'),
    import('@opentelemetry/instrumentation-pg'),
    import('@opentelemetry/instrumentation-redis'),
  ]);
  // The exporters, their protocol and headers come from the standard OTEL_EXPORTER_OTLP_* variables.
  const sdk = new NodeSDK({
    resource,
    instrumentations: [new HttpInstrumentation(), new PgInstrumentation(), new RedisInstrumentation()],
  });
  sdk.start();
  return () => sdk.shutdown();
}
