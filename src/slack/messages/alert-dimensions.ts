import type { AlertIncident } from '../../sevensignal/types.ts';
import { describeDimensions } from './alert-incident-facts.ts';

/**
 * Returns the dimension values of an alert-rule incident by dimension name, such as `network` to
 * `CorpWiFi` and `band` to `5`. The API joins the values of `dimensionSet` with `|` in
 * `dimensionKey`. A key whose value count differs from the set gives an empty map.
 */
export function alertDimensions(incident: AlertIncident): Map<string, string> {
  const names = incident.dimensionSet ?? [];
  const values = incident.dimensionKey === undefined ? [] : incident.dimensionKey.split('|');
  if (names.length === 0 || names.length !== values.length) {
    return new Map();
  }

  return new Map(names.map((name, index) => [name, values[index]!]));
}

/** Describes the dimensions in words, such as `network CorpWiFi, band 5`, or `no dimensions`. */
export function describeAlertDimensions(incident: AlertIncident): string {
  return describeDimensions(incident.dimensionSet, incident.dimensionKey) ?? 'no dimensions';
}
