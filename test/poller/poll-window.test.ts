import { describe, expect, it } from 'vitest';
import { FIRST_WINDOW_MS, nextPollWindow } from '../../src/poller/poll-window.ts';

const NOW = Date.UTC(2026, 11, 4, 12, 0);
const MINUTE = 60_000;

describe('nextPollWindow', () => {
  it('asks for 24 hours on the first poll', () => {
    expect(nextPollWindow(undefined, 30 * MINUTE, NOW)).toEqual({ from: NOW - FIRST_WINDOW_MS, to: NOW });
  });

  it('starts a margin before the last upper bound', () => {
    expect(nextPollWindow(NOW - MINUTE, 30 * MINUTE, NOW)).toEqual({ from: NOW - 31 * MINUTE, to: NOW });
  });

  it('covers a long outage from the last bound', () => {
    const lastUpper = NOW - 40 * 86_400_000;
    expect(nextPollWindow(lastUpper, 30 * MINUTE, NOW).from).toBe(lastUpper - 30 * MINUTE);
  });

  it('ignores a last bound in the future', () => {
    expect(nextPollWindow(NOW + 60 * MINUTE, 30 * MINUTE, NOW)).toEqual({ from: NOW - 30 * MINUTE, to: NOW });
  });
});
