import type { IncidentFilters, QueryWindow } from './incident-query.ts';

/** Describes the window in words: `the last 24 hours`, `the last hour`, `the last 2 weeks`. */
export function describeWindow(window: QueryWindow): string {
  if (window.amount === 1) {
    return `the last ${window.unit}`;
  }
  return `the last ${window.amount} ${window.unit}s`;
}

/**
 * Describes the filters in words, one entry each, in plain text (not escaped for mrkdwn).
 * `active` is left out because the result message words it as an adjective.
 */
export function describeFilters(filters: IncidentFilters): string[] {
  const parts: string[] = [];

  if (filters.locationName !== undefined) {
    parts.push(`location "${filters.locationName}"`);
  }
  if (filters.locationId !== undefined) {
    parts.push(`location id ${filters.locationId}`);
  }
  if (filters.network !== undefined) {
    parts.push(`network "${filters.network}"`);
  }
  if (filters.band !== undefined) {
    parts.push(`band ${filters.band} GHz`);
  }
  if (filters.type !== undefined) {
    parts.push(`type "${filters.type}"`);
  }
  return parts;
}
