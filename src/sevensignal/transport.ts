import type { Logger } from '../log/logger.ts';
import { SevenSignalError } from './errors.ts';
import { RateLimiter, rateLimitWaitMs } from './rate-limiter.ts';
import { DEFAULT_RETRY_POLICY, backoffMs, isRetryableStatus, sleep, withJitter, type RetryPolicy } from './retry-policy.ts';
import type { TokenCache } from './token-cache.ts';

export type FetchFunction = (request: Request) => Promise<Response>;

export interface TransportOptions {
  fetch: typeof globalThis.fetch;
  tokens: TokenCache;
  timeoutMs: number;
  logger: Logger;
  retry?: RetryPolicy;
  now?: () => number;
  /** Called after every attempt with its outcome: the HTTP status, or 0 for a transport failure. */
  onAttempt?: (attempt: { method: string; pathname: string; status: number; seconds: number }) => void;
}

const TOKEN_PATH = '/oauth2/token';

/** Path and query of a request, for logs and errors; the API puts no secrets in URLs. */
export function describeRequest(request: Request): string {
  const url = new URL(request.url);
  return `${url.pathname}${url.search}`;
}

/**
 * Creates the fetch function behind the generated client. For every request it:
 * - waits while the API's token bucket is empty, as the rate-limit headers report it;
 * - adds the bearer token, except to the token exchange itself;
 * - gives each attempt a timeout, and bounds all attempts by the caller's abort signal;
 * - on a 401 drops the token, exchanges the credentials again once and retries once;
 * - retries 429 after the wait the headers give, and 5xx, timeouts and refused connections with
 *   exponential backoff, up to the retry policy's attempts.
 * The last failure is returned as the response, or thrown as a SevenSignalError for transport failures.
 */
export function createTransport(options: TransportOptions): FetchFunction {
  const { tokens, logger } = options;
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  // The bucket refills in real time, whatever clock the rest of the bot is given.
  const limiter = new RateLimiter();

  const report = (request: Request, status: number, startedAt: number): void => {
    const seconds = (performance.now() - startedAt) / 1000;
    options.onAttempt?.({ method: request.method, pathname: new URL(request.url).pathname, status, seconds });
  };

  const send = async (request: Request, token: string | undefined): Promise<Response> => {
    const headers = new Headers(request.headers);
    if (token !== undefined) {
      headers.set('Authorization', `Bearer ${token}`);
    }

    try {
      const pause = limiter.delayMs();
      if (pause > 0) {
        logger.debug({ path: describeRequest(request), waitMs: pause }, 'Waiting for the 7SIGNAL rate limit to refill');
        await sleep(Math.min(pause, policy.maxDelayMs), request.signal);
      }
      limiter.take();

      const signal = AbortSignal.any([request.signal, AbortSignal.timeout(options.timeoutMs)]);
      const startedAt = performance.now();
      try {
        const response = await options.fetch(new Request(request, { headers, signal }));
        report(request, response.status, startedAt);
        limiter.observe(response.headers);
        return response;
      } catch (error) {
        report(request, 0, startedAt);
        throw error;
      }
    } catch (error) {
      throw transportError(request, error, options.timeoutMs);
    }
  };

  const sendAuthorized = async (request: Request): Promise<Response> => {
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

  return async (request) => {
    const path = describeRequest(request);

    for (let attempt = 1; ; attempt += 1) {
      const copy = attempt < policy.maxAttempts ? request.clone() : request;
      let waitMs: number;
      let reason: string;

      try {
        const response = await sendAuthorized(request);
        if (!isRetryableStatus(response.status) || attempt >= policy.maxAttempts) {
          return response;
        }

        waitMs = response.status === 429 ? withJitter(rateLimitWaitMs(response.headers)) : backoffMs(policy, attempt);
        reason = `HTTP ${response.status}`;
        await response.body?.cancel();
      } catch (error) {
        // A failed token exchange was already retried as a request of its own.
        const ownFailure = error instanceof SevenSignalError && error.path === path;
        const retryable = ownFailure && (error.code === 'timeout' || error.code === 'network');
        if (!retryable || attempt >= policy.maxAttempts || request.signal.aborted) {
          throw error;
        }
        waitMs = backoffMs(policy, attempt);
        reason = error.message;
      }

      logger.warn(
        { method: request.method, path, attempt, maxAttempts: policy.maxAttempts, waitMs, reason },
        '7SIGNAL request failed; retrying',
      );
      try {
        await sleep(Math.min(waitMs, policy.maxDelayMs), request.signal);
      } catch (error) {
        throw transportError(request, error, options.timeoutMs);
      }
      request = copy;
    }
  };
}

function transportError(request: Request, error: unknown, timeoutMs: number): SevenSignalError {
  const path = describeRequest(request);
  const details = { method: request.method, path, cause: error };

  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new SevenSignalError('timeout', `7SIGNAL API ${request.method} ${path} did not respond within ${timeoutMs} ms`, details);
  }

  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
  return new SevenSignalError('network', `7SIGNAL API ${request.method} ${path} could not be reached: ${cause}`, details);
}
