import { SevenSignalError } from './errors.ts';
import { backoffMs, sleep, type RetryPolicy } from './retry-policy.ts';

/** Retries of a call whose response is not in the contract's shape: HTTP 200 with a body that is not JSON or lacks the expected fields. */
const SHAPE_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 5000 };

/**
 * Runs `call`, trying again with backoff when the API responds with a body that is not in the
 * contract's shape, because a proxy or a failing node can send such responses for a short while.
 * A body that is not JSON (the generated client throws a SyntaxError) counts as such a response.
 */
export async function withShapeRetry<T>(path: string, call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const shapeError =
        error instanceof SyntaxError
          ? new SevenSignalError('invalid_response', `7SIGNAL API GET ${path} returned a body that is not JSON`, { method: 'GET', path, cause: error })
          : error;
      const retryable = shapeError instanceof SevenSignalError && shapeError.code === 'invalid_response';
      if (!retryable || attempt >= SHAPE_RETRY.maxAttempts || signal?.aborted) {
        throw shapeError;
      }
      await sleep(backoffMs(SHAPE_RETRY, attempt), signal);
    }
  }
}
