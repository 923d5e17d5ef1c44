import type { QueryWindow, WindowUnit } from './incident-query.ts';

const UNIT_NAMES: Record<string, WindowUnit> = {
  m: 'minute',
  min: 'minute',
  mins: 'minute',
  minute: 'minute',
  minutes: 'minute',
  h: 'hour',
  hr: 'hour',
  hrs: 'hour',
  hour: 'hour',
  hours: 'hour',
  d: 'day',
  day: 'day',
  days: 'day',
  w: 'week',
  wk: 'week',
  wks: 'week',
  week: 'week',
  weeks: 'week',
};

const UNIT_MS: Record<WindowUnit, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
};

export const MIN_WINDOW_MS = UNIT_MS.minute;
export const MAX_WINDOW_DAYS = 90;
export const MAX_WINDOW_MS = MAX_WINDOW_DAYS * UNIT_MS.day;

/** The window of a command that names none. */
export const DEFAULT_WINDOW: QueryWindow = { amount: 24, unit: 'hour', ms: 24 * UNIT_MS.hour };

const UNIT_HINT = 'use m (minutes), h (hours), d (days) or w (weeks), such as 90m, 24h, 7d or 2w';

export type WindowParseResult = { ok: true; window: QueryWindow } | { ok: false; reason: string };

/** Returns whether `text` (in any case) is a window unit such as `h` or `days`. */
export function isWindowUnit(text: string): boolean {
  return Object.hasOwn(UNIT_NAMES, text.toLowerCase());
}

/** Returns whether a token is meant as a window: it starts with a digit. */
export function looksLikeWindow(text: string): boolean {
  return /^\d/.test(text);
}

/**
 * Parses a window such as `90m`, `24h`, `7d` or `2w` (the unit in any case, any of the names in
 * UNIT_NAMES). The window must be a whole number of at least 1 minute and at most 90 days.
 */
export function parseWindow(text: string): WindowParseResult {
  const match = /^(\d+(?:[.,]\d+)?)\s*(.*)$/.exec(text.trim());
  if (match === null) {
    return { ok: false, reason: `it is not a window: ${UNIT_HINT}` };
  }

  const [, amountText = '', unitText = ''] = match;
  if (/[.,]/.test(amountText)) {
    return { ok: false, reason: 'the window must be a whole number, such as 90m instead of 1.5h' };
  }

  if (unitText === '') {
    return { ok: false, reason: `the window has no unit: ${UNIT_HINT}` };
  }

  const unit = UNIT_NAMES[unitText.toLowerCase()];
  if (unit === undefined) {
    if (/^(ghz|g)$/i.test(unitText)) {
      return { ok: false, reason: `"${unitText}" is not a window unit; to filter by band, write band:${amountText}` };
    }
    return { ok: false, reason: `"${unitText}" is not a window unit: ${UNIT_HINT}` };
  }

  const amount = Number(amountText);
  const ms = amount * UNIT_MS[unit];
  if (ms < MIN_WINDOW_MS) {
    return { ok: false, reason: 'the window must be at least 1 minute' };
  }
  if (ms > MAX_WINDOW_MS) {
    return { ok: false, reason: `the window is longer than the maximum of ${MAX_WINDOW_DAYS} days` };
  }

  return { ok: true, window: { amount, unit, ms } };
}
