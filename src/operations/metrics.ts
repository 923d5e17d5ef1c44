import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The bot's Prometheus metrics, served at `GET /metrics`. */
export interface Metrics {
  registry: Registry;
  /** Poll cycles by result: `ok` or `failed`. */
  cycles: Counter<'result'>;
  /** Poll cycles' failed 7SIGNAL listings, by error code. */
  failures: Counter<'source' | 'reason'>;
  /** Incidents posted to Slack by kind: `agent` or `alert`. */
  posted: Counter<'kind'>;
  /** Latency of 7SIGNAL requests by method, path and status (0 for transport failures). */
  apiLatency: Histogram<'method' | 'path' | 'status'>;
  /** Slack Web API errors by method and Slack error code. */
  slackErrors: Counter<'method' | 'code'>;
  /** End of the last successful poll cycle, in seconds since the epoch. */
  lastSuccess: Gauge;
}

/** Creates a registry with the bot's metrics and Node's process metrics. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'wifi_incidents_' });

  return {
    registry,
    cycles: new Counter({
      name: 'wifi_incidents_poll_cycles_total',
      help: 'Poll cycles run, by result.',
      labelNames: ['result'],
      registers: [registry],
    }),
    failures: new Counter({
      name: 'wifi_incidents_failures_total',
      help: 'Failed 7SIGNAL listings of poll cycles, by source and error code.',
      labelNames: ['source', 'reason'],
      registers: [registry],
    }),
    posted: new Counter({
      name: 'wifi_incidents_posted_total',
      help: 'Incidents posted to Slack, by kind.',
      labelNames: ['kind'],
      registers: [registry],
    }),
    apiLatency: new Histogram({
      name: 'wifi_incidents_sevensignal_request_duration_seconds',
      help: 'Latency of 7SIGNAL API requests, by method, path and status.',
      labelNames: ['method', 'path', 'status'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    slackErrors: new Counter({
      name: 'wifi_incidents_slack_errors_total',
      help: 'Slack Web API errors, by method and Slack error code.',
      labelNames: ['method', 'code'],
      registers: [registry],
    }),
    lastSuccess: new Gauge({
      name: 'wifi_incidents_last_successful_cycle_timestamp_seconds',
      help: 'End of the last successful poll cycle, in seconds since the epoch.',
      registers: [registry],
    }),
  };
}

/** Replaces ids in a request path, so that label values stay few: `/alerting/incidents/{id}/resolve`. */
export function pathTemplate(pathname: string): string {
  return pathname
    .replace(/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '/{id}')
    .replace(/\/\d+(?=\/|$)/g, '/{id}');
}
