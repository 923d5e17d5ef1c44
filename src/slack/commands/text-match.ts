/** Lower case with runs of whitespace made one space, for case-insensitive name comparison. */
function normalize(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Returns whether an API value equals a filter value, ignoring case and repeated spaces. */
export function sameText(value: string | null | undefined, filter: string): boolean {
  return typeof value === 'string' && normalize(value) === normalize(filter);
}

/** Returns whether a band from the API (a number, or text such as `"5"`) is `band`. */
export function sameBand(value: number | string | null | undefined, band: number): boolean {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && Math.abs(number - band) < 0.05;
}
