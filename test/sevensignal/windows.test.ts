import { describe, expect, it } from 'vitest';
import { MAX_WINDOW_MS, splitWindow } from '../../src/sevensignal/windows.ts';

const DAY = 86_400_000;

describe('splitWindow', () => {
  it('keeps a window of 30 days whole', () => {
    expect(splitWindow({ from: 0, to: MAX_WINDOW_MS })).toEqual([{ from: 0, to: MAX_WINDOW_MS }]);
  });

  it('splits 45 days into 30 and 15', () => {
    expect(splitWindow({ from: 1000, to: 1000 + 45 * DAY })).toEqual([
      { from: 1000, to: 1000 + 30 * DAY },
      { from: 1000 + 30 * DAY, to: 1000 + 45 * DAY },
    ]);
  });

  it('splits 90 days into three', () => {
    const parts = splitWindow({ from: 0, to: 90 * DAY });
    expect(parts).toHaveLength(3);
    expect(parts.every((part) => part.to - part.from <= MAX_WINDOW_MS)).toBe(true);
    expect(parts.at(-1)?.to).toBe(90 * DAY);
  });
});
