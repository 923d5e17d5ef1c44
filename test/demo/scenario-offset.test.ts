import { describe, expect, it } from 'vitest';
import { formatOffset, parseOffset } from '../../src/simulator/scenario/index.ts';

describe('scenario offsets', () => {
  it.each([
    ['5s', 5000],
    ['90s', 90_000],
    ['2m30s', 150_000],
    ['-14m', -840_000],
    ['1h', 3_600_000],
    ['250ms', 250],
    ['0s', 0],
    [' 45s ', 45_000],
  ])('parses %s', (text, expected) => {
    expect(parseOffset(text)).toBe(expected);
  });

  it.each(['', '5', 's', '5 s', '1.5m', '+5s', '--5s', '5d', '5sec'])('rejects %j', (text) => {
    expect(parseOffset(text)).toBeUndefined();
  });

  it.each([
    [5000, '5s'],
    [150_000, '2m30s'],
    [-840_000, '-14m'],
    [3_725_250, '1h2m5s250ms'],
    [0, '0s'],
  ])('formats %d as %s', (ms, expected) => {
    expect(formatOffset(ms)).toBe(expected);
  });
});
