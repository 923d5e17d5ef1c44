import type { AgentIncident } from '../../sevensignal/types.ts';

/** Parses an API timestamp into epoch milliseconds; undefined when missing or not a date. */
export function parseTimestamp(value: string | undefined | null): number | undefined {
  if (value === undefined || value === null || value.trim() === '') {
    return undefined;
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Formats a band as engineers read it: `2.4 GHz`, `5 GHz`, `6 GHz`. */
export function formatBand(band: number | undefined): string {
  if (band === undefined || !Number.isFinite(band)) {
    return 'unknown band';
  }
  return `${Number(band.toFixed(1))} GHz`;
}

/** Impacted agents out of the population, such as `12 of 84 agents (14%)`. */
export function formatImpact(countImpacted: number | undefined, populationCount: number | undefined): string {
  if (countImpacted === undefined) {
    return 'unknown';
  }

  const agents = countImpacted === 1 ? 'agent' : 'agents';
  if (populationCount === undefined || populationCount <= 0) {
    return `${countImpacted} ${agents}`;
  }

  return `${countImpacted} of ${populationCount} ${agents} (${impactPercent(countImpacted, populationCount)}%)`;
}

/** Impacted agents as a whole percentage of the population. */
export function impactPercent(countImpacted: number, populationCount: number): number {
  return populationCount > 0 ? Math.round((countImpacted / populationCount) * 100) : 0;
}

/**
 * Returns the end of an incident when it is reported and not in the future. The API declares no
 * active flag, so a missing, empty or future `endTimestamp` means the incident is ongoing.
 */
export function reportedEnd(incident: AgentIncident, now: number): number | undefined {
  const end = parseTimestamp(incident.endTimestamp);
  return end !== undefined && end <= now ? end : undefined;
}

/** Describes the thresholds that qualified the incident, as `name value` parts, in the API's order. */
export function describeThresholds(thresholds: AgentIncident['thresholds']): string[] {
  if (thresholds === undefined) {
    return [];
  }

  // Units are given only where the field's name states them: the API documents none.
  const parts: Array<[string, number | undefined, string]> = [
    ['success rate threshold', thresholds.successRateThreshold, ''],
    ['warning threshold', thresholds.warningThreshold, ''],
    ['critical threshold', thresholds.criticalThreshold, ''],
    ['min population', thresholds.minPopulationCount, ' agents'],
    ['min impacted', thresholds.minCountImpacted, ' agents'],
    ['min impacted share', thresholds.minPercentImpacted, '%'],
    ['min duration', thresholds.minIncidentDurationMinutes, ' min'],
  ];

  return parts
    .filter((part): part is [string, number, string] => typeof part[1] === 'number' && Number.isFinite(part[1]))
    .map(([name, value, unit]) => `${name} ${value}${unit}`);
}
