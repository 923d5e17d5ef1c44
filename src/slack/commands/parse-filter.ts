import { BANDS, type Band, type IncidentFilters } from './incident-query.ts';

/** Maximum length of a filter value. It keeps the command text short enough for a button value. */
export const MAX_FILTER_VALUE_LENGTH = 200;

/** Filter names the grammar accepts, with `ssid:` as another name for `network:`. */
const FILTER_NAMES = {
  location: 'location',
  network: 'network',
  ssid: 'network',
  band: 'band',
  type: 'type',
} as const;

export type FilterName = (typeof FILTER_NAMES)[keyof typeof FILTER_NAMES];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type FilterParseResult =
  | { ok: true; name: FilterName; apply: (filters: IncidentFilters) => void }
  | { ok: false; reason: string };

/** Returns the canonical filter name for `key` (any case), or undefined when it is not a filter. */
export function filterName(key: string): FilterName | undefined {
  const lower = key.toLowerCase();
  return Object.hasOwn(FILTER_NAMES, lower) ? FILTER_NAMES[lower as keyof typeof FILTER_NAMES] : undefined;
}

/** Parses `2.4`, `5` or `6`, each optionally followed by `ghz` or `g`. */
export function parseBand(text: string): Band | undefined {
  const number = text.trim().replace(/\s*(ghz|g)$/i, '');
  if (!/^\d+(\.\d+)?$/.test(number)) {
    return undefined;
  }
  return BANDS.find((band) => band === Number(number));
}

/**
 * Parses the value of the filter `name`. A location is a UUID (sent to the API) or a name
 * (compared with each incident's location name, because the API filters only by UUID).
 */
export function parseFilter(name: FilterName, rawValue: string): FilterParseResult {
  const value = rawValue.trim();
  if (value === '') {
    return { ok: false, reason: `the ${name} filter has no value, such as ${name}:${example(name)}` };
  }
  if (value.length > MAX_FILTER_VALUE_LENGTH) {
    return { ok: false, reason: `the ${name} is longer than ${MAX_FILTER_VALUE_LENGTH} characters` };
  }

  switch (name) {
    case 'location':
      if (UUID.test(value)) {
        return { ok: true, name, apply: (filters) => void (filters.locationId = value.toLowerCase()) };
      }
      return { ok: true, name, apply: (filters) => void (filters.locationName = value) };

    case 'network':
      return { ok: true, name, apply: (filters) => void (filters.network = value) };

    case 'type':
      return { ok: true, name, apply: (filters) => void (filters.type = value) };

    case 'band': {
      const band = parseBand(value);
      if (band === undefined) {
        return { ok: false, reason: `the band must be 2.4, 5 or 6 (GHz), not "${value}"` };
      }
      return { ok: true, name, apply: (filters) => void (filters.band = band) };
    }
  }
}

function example(name: FilterName): string {
  const examples: Record<FilterName, string> = {
    location: '"Main Campus - Floor 2"',
    network: 'CorpWiFi',
    band: '5',
    type: 'CONNECTION',
  };
  return examples[name];
}
