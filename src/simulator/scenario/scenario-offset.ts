const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const OFFSET = /^(-)?((?:\d+(?:ms|s|m|h))+)$/;
const PART = /(\d+)(ms|s|m|h)/g;

/**
 * Parses a scenario time offset such as `90s`, `2m30s` or `-14m` into milliseconds from the start
 * of the run. A negative offset is an event before the start. Returns undefined for other text.
 */
export function parseOffset(text: string): number | undefined {
  const match = OFFSET.exec(text.trim());
  if (match === null) {
    return undefined;
  }

  let total = 0;
  for (const part of match[2]!.matchAll(PART)) {
    total += Number(part[1]) * UNIT_MS[part[2]!]!;
  }
  return match[1] === '-' ? -total : total;
}

/** Formats an offset in milliseconds as the scenario file writes it, such as `-14m` or `2m30s`. */
export function formatOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const parts: string[] = [];
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    const amount = Math.floor(rest / size);
    if (amount > 0) {
      parts.push(`${amount}${unit}`);
      rest -= amount * size;
    }
  }
  if (rest > 0) {
    parts.push(`${rest}ms`);
  }
  if (parts.length === 0) {
    return '0s';
  }
  return `${sign}${parts.join('')}`;
}
