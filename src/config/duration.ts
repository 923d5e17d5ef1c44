const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * Parses a duration such as `30m`, `10s`, `1500ms`, `4h` or `2d` into milliseconds.
 * Returns undefined when the text is not a whole number followed by one of those units.
 */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+)\s*(ms|s|m|h|d)$/i.exec(text.trim());
  if (!match) {
    return undefined;
  }

  const amount = Number(match[1]);
  const unit = UNIT_MS[match[2]!.toLowerCase()]!;
  return amount * unit;
}
