/** The widest window the 7SIGNAL incident listings accept; wider ones are rejected with HTTP 400. */
export const MAX_WINDOW_MS = 30 * 24 * 3_600_000;

/** A time window in epoch milliseconds, both ends included. */
export interface TimeWindow {
  from: number;
  to: number;
}

/** Splits `window` into consecutive windows of at most `maxMs`, in time order. */
export function splitWindow(window: TimeWindow, maxMs: number = MAX_WINDOW_MS): TimeWindow[] {
  if (window.to <= window.from) {
    return [window];
  }

  const windows: TimeWindow[] = [];
  for (let from = window.from; from < window.to; from += maxMs) {
    windows.push({ from, to: Math.min(from + maxMs, window.to) });
  }
  return windows;
}
