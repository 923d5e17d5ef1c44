/** Response values and the error body shared by every route of the fake 7SIGNAL API. */
import { STATUS_CODES } from 'node:http';
import type { ApiErrorBody } from '../../sevensignal/types.ts';

/** Result of a route handler. The server adds the rate-limit headers and serializes the body. */
export interface RouteResponse {
  status: number;
  /** A string is sent as `text/plain`, undefined as an empty body, anything else as JSON. */
  body: unknown;
  headers?: Record<string, string>;
}

/** The parts of a request that route handlers read. */
export interface RouteContext {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: string;
  /** The fake's clock at the time the request is handled, in epoch milliseconds. */
  now: number;
  requestId: string;
}

/**
 * Fixed rate-limit headers. The values follow the example in 7SIGNAL's docs (burst 15, 5 tokens
 * per second); the fake does not limit anything.
 */
export function rateLimitHeaders(status: number): Record<string, string> {
  return {
    'ratelimit-remaining': status === 429 ? '0' : '14',
    'ratelimit-burst-capacity': '15',
    'ratelimit-replenish-rate': '5',
    'ratelimit-requested-tokens': '1',
  };
}

/** Builds the `{timestamp, status, error, message, path, requestId}` body the service sends with errors. */
export function errorBody(status: number, message: string, context: RouteContext): ApiErrorBody {
  return {
    timestamp: new Date(context.now).toISOString(),
    status,
    error: STATUS_CODES[status] ?? 'Error',
    message,
    path: context.path,
    requestId: context.requestId,
  };
}

export function errorResponse(status: number, message: string, context: RouteContext): RouteResponse {
  return { status, body: errorBody(status, message, context) };
}

export function jsonResponse(body: unknown, status = 200): RouteResponse {
  return { status, body };
}
