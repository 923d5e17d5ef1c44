import type { IncidentFacts } from './incident-facts.ts';

/**
 * Returns the key of the incidents a snooze of this incident would hold back. For agent
 * incidents it is the organization, location (its id, or its name when the id is missing),
 * network and band. For alert-rule incidents it is the organization, rule and dimension values.
 */
export function snoozeScopeOf(facts: IncidentFacts): string {
  if (facts.kind === 'agent') {
    return JSON.stringify(['agent', facts.organization, facts.locationId ?? facts.locationName ?? '', facts.network ?? '', facts.band ?? null]);
  }
  return JSON.stringify(['alert', facts.organization, facts.ruleId ?? '', facts.dimensionKey ?? '']);
}
