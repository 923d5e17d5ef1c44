import type { IncidentFacts } from '../../routing/incident-facts.ts';
import { describeDimensions } from './alert-incident-facts.ts';
import { formatBand } from './agent-incident-facts.ts';

/**
 * Describes the scope of a snooze in words, as plain text. For agent incidents it names the
 * location, network and band (`Main Campus - Floor 2 · CorpWiFi · 5 GHz`). For alert-rule
 * incidents it names the metric and the dimension values (`client_health_score alerts for network
 * CorpWiFi, band 5`).
 */
export function describeSnoozeScope(facts: IncidentFacts): string {
  if (facts.kind === 'agent') {
    return [facts.locationName ?? facts.locationId ?? 'unknown location', facts.network ?? 'unknown SSID', formatBand(facts.band)].join(' · ');
  }
  const dimensions = describeDimensions(facts.dimensionSet, facts.dimensionKey);
  return `${facts.metric ?? 'unknown metric'} alerts${dimensions === undefined ? '' : ` for ${dimensions}`}`;
}

/** Names what a snooze of this kind of incident matches, for messages. */
export function describeSnoozeMatch(kind: IncidentFacts['kind']): string {
  return kind === 'agent' ? 'the same location, network and band' : 'the same alert rule and dimension values';
}
