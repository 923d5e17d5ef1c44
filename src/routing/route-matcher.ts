import type { Route } from '../config/route.ts';
import { compileGlob } from './glob.ts';
import type { IncidentFacts } from './incident-facts.ts';

/** Decides whether one incident falls under a route. */
export type RouteMatcher = (facts: IncidentFacts) => boolean;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function globMatcher(pattern: string, values: (facts: IncidentFacts) => Array<string | undefined>): RouteMatcher {
  const glob = compileGlob(pattern);
  return (facts) => values(facts).some((value) => value !== undefined && glob.test(value));
}

/** Impacted agents as a percentage of the population, unrounded; undefined without both counts. */
function impactedPercent(facts: IncidentFacts): number | undefined {
  if (facts.countImpacted === undefined || facts.populationCount === undefined || facts.populationCount <= 0) {
    return undefined;
  }
  return (facts.countImpacted / facts.populationCount) * 100;
}

/**
 * Compiles the conditions of `route` into one test. A key whose fact the incident lacks does not
 * match: alert-rule incidents have no type, location name or impacted count, and agent incidents
 * have no metric or rule.
 */
export function compileRoute(route: Route): RouteMatcher {
  const { match } = route;
  const tests: RouteMatcher[] = [];

  if (match.organization !== undefined) {
    tests.push(globMatcher(match.organization, (facts) => [facts.organization || undefined, facts.organizationName]));
  }
  if (match.location !== undefined) {
    const location = match.location;
    tests.push(
      UUID.test(location)
        ? (facts) => facts.locationId === location.toLowerCase()
        : globMatcher(location, (facts) => [facts.locationName]),
    );
  }
  if (match.network !== undefined) {
    tests.push(globMatcher(match.network, (facts) => [facts.network]));
  }
  if (match.band !== undefined) {
    const band = match.band;
    tests.push((facts) => facts.band === band);
  }
  if (match.type !== undefined) {
    tests.push(globMatcher(match.type, (facts) => [facts.type]));
  }
  if (match.kind !== undefined) {
    const kind = match.kind;
    tests.push((facts) => facts.kind === kind);
  }
  if (match.metric !== undefined) {
    tests.push(globMatcher(match.metric, (facts) => [facts.metric]));
  }
  if (match.ruleId !== undefined) {
    tests.push(globMatcher(match.ruleId, (facts) => [facts.ruleId]));
  }
  if (route.minImpacted !== undefined) {
    const minimum = route.minImpacted;
    tests.push((facts) => facts.countImpacted !== undefined && facts.countImpacted >= minimum);
  }
  if (route.minImpactedPercent !== undefined) {
    const minimum = route.minImpactedPercent;
    tests.push((facts) => {
      const percent = impactedPercent(facts);
      return percent !== undefined && percent >= minimum;
    });
  }

  return (facts) => tests.every((test) => test(facts));
}
