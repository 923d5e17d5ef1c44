import type { Route } from '../config/route.ts';
import type { IncidentFacts } from './incident-facts.ts';
import { compileRoute, type RouteMatcher } from './route-matcher.ts';

/**
 * Chooses the Slack channels of an incident from the routes file. Routes are tried in order. The
 * first that matches adds its channel and ends the search, unless it has `continue: true`, in which
 * case the routes below are tried too. An incident that no route matches goes to the default channel.
 */
export class Router {
  private readonly routes: Array<{ route: Route; matches: RouteMatcher }>;

  constructor(
    routes: Route[],
    readonly defaultChannel: string,
  ) {
    this.routes = routes.map((route) => ({ route, matches: compileRoute(route) }));
  }

  /** Returns the channels for an incident, without repeats, in route order; the first is its main channel. */
  channelsFor(facts: IncidentFacts): string[] {
    const channels: string[] = [];
    for (const { route, matches } of this.routes) {
      if (!matches(facts)) {
        continue;
      }
      if (!channels.includes(route.channel)) {
        channels.push(route.channel);
      }
      if (!route.continue) {
        break;
      }
    }
    return channels.length > 0 ? channels : [this.defaultChannel];
  }
}
