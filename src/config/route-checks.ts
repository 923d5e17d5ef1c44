import { isMap, isScalar, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Route } from './route.ts';
import type { RouteProblems } from './routes-file.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Returns the pair of `key` in `map`, for the position of a problem. */
function pairOf(map: YAMLMap | undefined, key: string): Pair | undefined {
  return map?.items.find((pair) => isScalar(pair.key) && pair.key.value === key);
}

/** Returns the first key of the route that only alert-rule incidents can match. */
function alertOnlyKey(route: Route): 'metric' | 'ruleId' | undefined {
  if (route.match.metric !== undefined) return 'metric';
  if (route.match.ruleId !== undefined) return 'ruleId';
  return undefined;
}

/** Returns the first key of the route that only agent incidents can match. */
function agentOnlyKey(route: Route): 'type' | 'minImpacted' | 'minImpactedPercent' | undefined {
  if (route.match.type !== undefined) return 'type';
  if (route.minImpacted !== undefined) return 'minImpacted';
  if (route.minImpactedPercent !== undefined) return 'minImpactedPercent';
  return undefined;
}

/**
 * Adds a problem when one route combines keys that no incident can match together. Agent-only keys
 * (`type`, `minImpacted`, `minImpactedPercent`) exclude alert-only keys (`metric`, `ruleId`) and
 * `kind: alert`. Alert-only keys exclude `kind: agent`. A location name excludes alert-only keys,
 * because alert-rule incidents carry a location id but no location name.
 */
export function checkRouteCombinations(route: Route, node: YAMLMap, field: string, problems: RouteProblems): void {
  const matchNode = node.get('match', true) as Node | undefined;
  const match = isMap(matchNode) ? matchNode : undefined;
  const at = (key: string) => pairOf(match, key) ?? pairOf(node, key) ?? node;
  const agentKey = agentOnlyKey(route);
  const alertKey = alertOnlyKey(route);
  const agentField = (key: string) => (key === 'type' ? `${field}.match.type` : `${field}.${key}`);

  if (agentKey !== undefined && alertKey !== undefined) {
    problems.add(
      at(alertKey),
      `${field}.match.${alertKey}`,
      `cannot be combined with ${agentKey}: ${alertKey} matches only alert-rule incidents and ${agentKey} only agent incidents, so the route would never match. Split it into two routes.`,
    );
    return;
  }
  if (route.match.kind === 'agent' && alertKey !== undefined) {
    problems.add(at(alertKey), `${field}.match.${alertKey}`, `matches only alert-rule incidents, but kind is agent, so the route would never match: remove one of them.`);
    return;
  }
  if (route.match.kind === 'alert' && agentKey !== undefined) {
    problems.add(
      at(agentKey),
      agentField(agentKey),
      `applies only to agent incidents, but kind is alert, so the route would never match: remove one of them${agentKey === 'type' ? ', or match the rule with metric' : ''}.`,
    );
    return;
  }

  const location = route.match.location;
  if (location !== undefined && !UUID.test(location) && (route.match.kind === 'alert' || alertKey !== undefined)) {
    problems.add(
      at('location'),
      `${field}.match.location`,
      'is a location name, but alert-rule incidents carry only a location id: use the location UUID.',
    );
  }
}

/** True when the route takes every incident and stops there, so no route below it is ever tried. */
function takesEverything(route: Route): boolean {
  return Object.keys(route.match).length === 0 && route.minImpacted === undefined && route.minImpactedPercent === undefined && !route.continue;
}

/** Adds a problem when a route that matches every incident without `continue` hides the routes below it. */
export function checkUnreachableRoutes(routes: Route[], nodes: Array<Node | null>, problems: RouteProblems): void {
  const index = routes.findIndex(takesEverything);
  const hidden = routes.length - index - 1;
  if (index === -1 || hidden === 0) {
    return;
  }
  problems.add(
    nodes[index],
    `routes[${index}]`,
    `matches every incident and has no continue: true, so the ${hidden === 1 ? 'route' : `${hidden} routes`} below it ${hidden === 1 ? 'is' : 'are'} never tried: move it to the end, or give it continue: true.`,
  );
}
