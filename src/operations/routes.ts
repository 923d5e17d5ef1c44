import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkHealth } from './health.ts';
import type { Metrics } from './metrics.ts';

/** State of the running bot that the operations endpoints read. */
export interface OperationsSource {
  metrics: Metrics;
  /** End of the last successful poll cycle in epoch ms, undefined before the first. */
  lastSuccessAt: () => number | undefined;
  startedAt: number;
  /** Age of the last success above which `/healthz` returns 503, which is three poll intervals. */
  healthThresholdMs: number;
  now: () => number;
}

interface CustomRoute {
  path: string;
  method: string | string[];
  handler: (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;
}

/** Routes served beside `/slack/events`: `GET /healthz` and `GET /metrics`. */
export function operationsRoutes(source: OperationsSource): CustomRoute[] {
  return [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_request, response) => {
        const report = checkHealth(source.lastSuccessAt(), source.startedAt, source.healthThresholdMs, source.now());
        response.writeHead(report.status === 'stale' ? 503 : 200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(report));
      },
    },
    {
      path: '/metrics',
      method: ['GET'],
      handler: async (_request, response) => {
        const body = await source.metrics.registry.metrics();
        response.writeHead(200, { 'Content-Type': source.metrics.registry.contentType });
        response.end(body);
      },
    },
  ];
}
