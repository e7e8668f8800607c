import { trace } from '@opentelemetry/api';
import { logs, SeverityNumber } from '@opentelemetry/api-logs';
import { type Logger, type LoggerOptions, pino } from 'pino';

export type { Logger };

/** Never written anywhere, at any depth (pino's `redact` does this for the JSON lines). */
const SECRET_FIELDS = new Set(['password', 'MicrosoftAppPassword', 'authorization']);

const SEVERITY: Record<number, SeverityNumber> = {
  10: SeverityNumber.TRACE,
  20: SeverityNumber.DEBUG,
  30: SeverityNumber.INFO,
  40: SeverityNumber.WARN,
  50: SeverityNumber.ERROR,
  60: SeverityNumber.FATAL,
};

/**
 * JSON logs; modules take a child (`log.child({ module: 'wizard' })`). Personal data stays out of info.
 * A line written while a request is traced carries its `trace_id` and `span_id`, so a log line and the
 * request it belongs to are joined in Log Analytics. With `exported` (telemetry runs), every record also
 * goes to OpenTelemetry's log API, in the caller's context, where Application Insights files it under the
 * request's operation.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream, { exported = false } = {}): Logger {
  const options: LoggerOptions = {
    level,
    base: { app: 'dealbot' },
    redact: { paths: [...[...SECRET_FIELDS].map((f) => `*.${f}`), 'req.headers.authorization'], censor: '[redacted]' },
    mixin() {
      const span = trace.getActiveSpan()?.spanContext();
      return span ? { trace_id: span.traceId, span_id: span.spanId } : {};
    },
  };
  if (exported) {
    const otel = logs.getLogger('dealbot');
    options.hooks = {
      logMethod(args, method, levelNumber) {
        const [first, second] = args as unknown[];
        const fields = typeof first === 'object' && first !== null ? (first as Record<string, unknown>) : {};
        const message = typeof first === 'string' ? first : typeof second === 'string' ? second : '';
        otel.emit({
          severityNumber: SEVERITY[levelNumber] ?? SeverityNumber.INFO,
          severityText: pino.levels.labels[levelNumber],
          body: message,
          attributes: attributesOf({ ...this.bindings(), ...fields }),
        });
        method.apply(this, args as Parameters<typeof method>);
      },
    };
  }
  return pino(options, destination ?? process.stdout);
}

/** Log fields as OpenTelemetry attributes: scalars as they are, an error as its message, the rest as JSON. */
function attributesOf(fields: Record<string, unknown>): Record<string, string | number | boolean> {
  const attributes: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (SECRET_FIELDS.has(key) || value === undefined) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') attributes[key] = value;
    else if (value instanceof Error) attributes[key] = value.message;
    else attributes[key] = JSON.stringify(value, (k, v) => (SECRET_FIELDS.has(k) ? '[redacted]' : v)) ?? '';
  }
  return attributes;
}
