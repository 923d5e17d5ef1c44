/**
 * Client side of 7SIGNAL's per-key token bucket. Every response carries `ratelimit-remaining`
 * and `ratelimit-replenish-rate` (tokens per second); when the bucket is empty, the next request
 * waits until one token has refilled, so the bot never sends faster than the bucket refills.
 */
export class RateLimiter {
  private remaining = Number.POSITIVE_INFINITY;
  private replenishPerSecond = 0;
  private observedAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Updates the bucket from the rate-limit headers of a response. */
  observe(headers: Headers): void {
    const remaining = Number(headers.get('ratelimit-remaining'));
    const rate = Number(headers.get('ratelimit-replenish-rate'));
    if (headers.get('ratelimit-remaining') === null || !Number.isFinite(remaining)) {
      return;
    }

    this.remaining = remaining;
    this.replenishPerSecond = Number.isFinite(rate) && rate > 0 ? rate : this.replenishPerSecond;
    this.observedAt = this.now();
  }

  /** Milliseconds to wait before the next request; 0 when the bucket has a token. */
  delayMs(): number {
    if (this.remaining >= 1 || this.replenishPerSecond <= 0) {
      return 0;
    }

    const refilled = ((this.now() - this.observedAt) / 1000) * this.replenishPerSecond;
    const missing = 1 - (this.remaining + refilled);
    return missing <= 0 ? 0 : Math.ceil((missing / this.replenishPerSecond) * 1000);
  }

  /** Takes one token from the local estimate, so back-to-back requests wait their turn. */
  take(): void {
    if (Number.isFinite(this.remaining)) {
      this.remaining -= 1;
    }
  }
}

/**
 * Milliseconds to wait after a 429: the `Retry-After` header when present, else the time to
 * refill the requested tokens at the replenish rate, else one second.
 */
export function rateLimitWaitMs(headers: Headers): number {
  const retryAfter = Number(headers.get('retry-after'));
  if (headers.get('retry-after') !== null && Number.isFinite(retryAfter) && retryAfter >= 0) {
    return retryAfter * 1000;
  }

  const rate = Number(headers.get('ratelimit-replenish-rate'));
  const requested = Number(headers.get('ratelimit-requested-tokens') ?? '1');
  if (Number.isFinite(rate) && rate > 0) {
    return Math.ceil((Math.max(1, Number.isFinite(requested) ? requested : 1) / rate) * 1000);
  }
  return 1000;
}
