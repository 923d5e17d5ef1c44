/** What `GET /healthz` reports. */
export interface HealthReport {
  status: 'ok' | 'stale' | 'starting';
  /** Seconds since the last successful poll cycle ended; null before the first one. */
  lastSuccessAgeSeconds: number | null;
  /** Age above which the bot counts as unhealthy, in seconds. */
  thresholdSeconds: number;
}

/**
 * Judges health from the end of the last successful poll cycle: healthy while its age is under
 * `thresholdMs` (three poll intervals). Before the first success, the bot counts as healthy for
 * `thresholdMs` after it started, so a slow start is not reported as a failure.
 */
export function checkHealth(lastSuccessAt: number | undefined, startedAt: number, thresholdMs: number, now: number): HealthReport {
  const thresholdSeconds = Math.round(thresholdMs / 1000);

  if (lastSuccessAt === undefined) {
    return { status: now - startedAt < thresholdMs ? 'starting' : 'stale', lastSuccessAgeSeconds: null, thresholdSeconds };
  }

  const ageMs = now - lastSuccessAt;
  return { status: ageMs < thresholdMs ? 'ok' : 'stale', lastSuccessAgeSeconds: Math.round(ageMs / 1000), thresholdSeconds };
}
