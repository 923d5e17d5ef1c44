/** Bands a route can match, in GHz. */
export const ROUTE_BANDS = [2.4, 5, 6] as const;
export type RouteBand = (typeof ROUTE_BANDS)[number];

/** Kinds of incident a route can match: detected by agents, or raised by alert rules. */
export const ROUTE_KINDS = ['agent', 'alert'] as const;
export type RouteKind = (typeof ROUTE_KINDS)[number];

/**
 * The conditions of a route. Every key that is set must match. Text values are globs (`*` for any
 * run of characters, `?` for one), compared case-insensitively with the whole value.
 */
export interface RouteMatch {
  /** A glob on the organization as configured in SEVENSIGNAL_ORGANIZATION, or on the incident's organization name. */
  organization?: string;
  /** A location UUID, or a glob on the location name. */
  location?: string;
  /** A glob on the SSID. */
  network?: string;
  band?: RouteBand;
  /** A glob on the agent incident type, such as `CONNECTION`. */
  type?: string;
  kind?: RouteKind;
  /** A glob on the metric of an alert rule, such as `client_health_score`. */
  metric?: string;
  /** A glob on the id of an alert rule. */
  ruleId?: string;
}

/** One entry of the routes file. */
export interface Route {
  match: RouteMatch;
  /** Slack channel id that receives the incidents of this route. */
  channel: string;
  /** Minimum impacted agents; only agent incidents carry the count, so alert-rule incidents never match. */
  minImpacted?: number;
  /** Minimum impacted agents as a percentage of the population; alert-rule incidents never match. */
  minImpactedPercent?: number;
  /** Whether the routes below are tried too after this one matched. */
  continue: boolean;
  /** Line of the route in the routes file, for log messages. */
  line: number;
}
