import type { TimeWindow } from '../sevensignal/windows.ts';

/** Window asked for when a source has never been polled. */
export const FIRST_WINDOW_MS = 24 * 3_600_000;

/**
 * The window of the next poll: from the last successful upper bound less the look-back margin
 * (incidents are listed only once they qualify, often well after they start) up to `now`.
 * A source never polled before asks for the last 24 hours.
 */
export function nextPollWindow(lastUpperMs: number | undefined, lookbackMs: number, now: number): TimeWindow {
  if (lastUpperMs === undefined) {
    return { from: now - FIRST_WINDOW_MS, to: now };
  }

  const from = Math.min(lastUpperMs - lookbackMs, now - lookbackMs);
  return { from, to: now };
}
