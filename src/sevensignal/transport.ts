import type { Logger } from '../log/logger.ts';
import { SevenSignalError } from './errors.ts';
import type { TokenCache } from './token-cache.ts';

export type FetchFunction = (request: Request) => Promise<Response>;

export interface TransportOptions {
  fetch: typeof globalThis.fetch;
  tokens: TokenCache;
  timeoutMs: number;
  logger: Logger;
}

const TOKEN_PATH = '/oauth2/token';

/** Path and query of a request, for logs and errors; the API puts no secrets in URLs. */
export function describeRequest(request: Request): string {
  const url = new URL(request.url);
  return `${url.pathname}${url.search}`;
}

/**
 * Creates the fetch function behind the generated client. It adds the bearer token to every call
 * but the token exchange, gives each request a timeout, and on a 401 drops the token, exchanges
 * the credentials again once and retries the call once. Transport failures become SevenSignalErrors.
 */
export function createTransport(options: TransportOptions): FetchFunction {
  const { tokens, logger } = options;

  const send = async (request: Request, token: string | undefined): Promise<Response> => {
    const headers = new Headers(request.headers);
    if (token !== undefined) {
      headers.set('Authorization', `Bearer ${token}`);
    }

    const signal = AbortSignal.any([request.signal, AbortSignal.timeout(options.timeoutMs)]);
    try {
      return await options.fetch(new Request(request, { headers, signal }));
    } catch (error) {
      throw transportError(request, error, options.timeoutMs);
    }
  };

  return async (request) => {
    if (new URL(request.url).pathname.endsWith(TOKEN_PATH)) {
      return send(request, undefined);
    }

    const retryCopy = request.clone();
    const token = await tokens.get();
    const response = await send(request, token);
    if (response.status !== 401) {
      return response;
    }

    logger.info({ method: request.method, path: describeRequest(request) }, '7SIGNAL rejected the access token; exchanging the credentials again');
    await response.body?.cancel();
    tokens.invalidate(token);
    const freshToken = await tokens.get();
    return send(retryCopy, freshToken);
  };
}

function transportError(request: Request, error: unknown, timeoutMs: number): SevenSignalError {
  const path = describeRequest(request);
  const details = { method: request.method, path, cause: error };

  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new SevenSignalError('timeout', `7SIGNAL API ${request.method} ${path} did not answer within ${timeoutMs} ms`, details);
  }

  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
  return new SevenSignalError('network', `7SIGNAL API ${request.method} ${path} could not be reached: ${cause}`, details);
}
