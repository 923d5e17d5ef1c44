import type { Route } from '../config/route.ts';
import type { Database } from '../store/database.ts';
import { DigestStore } from '../store/digests.ts';
import { IncidentCopyStore } from '../store/incident-copies.ts';
import { IncidentRouteStore } from '../store/incident-routes.ts';
import { ReminderStore } from '../store/reminders.ts';
import { SnoozeStore } from '../store/snoozes.ts';
import { Router } from './router.ts';

/** The router and the stores that the poll cycle uses to route, digest, hold back and remind. */
export interface RoutingDependencies {
  router: Router;
  routes: IncidentRouteStore;
  copies: IncidentCopyStore;
  digests: DigestStore;
  snoozes: SnoozeStore;
  reminders: ReminderStore;
  /** When more new incidents than this come for one channel in one cycle, they go into a digest thread. */
  digestThreshold: number;
  /** How long an open incident may stay unacknowledged before its reminder; no reminders when unset. */
  remindAfterMs?: number;
  /** Slack user-group id (S...) mentioned in reminders. */
  remindMention?: string;
}

export interface RoutingSettings {
  routes: Route[];
  /** The channel of incidents that no route matches. */
  defaultChannel: string;
  digestThreshold: number;
  remindAfterMs?: number;
  remindMention?: string;
}

/** Creates the router and the routing stores on `db`. */
export function createRoutingDependencies(db: Database, settings: RoutingSettings): RoutingDependencies {
  return {
    router: new Router(settings.routes, settings.defaultChannel),
    routes: new IncidentRouteStore(db),
    copies: new IncidentCopyStore(db),
    digests: new DigestStore(db),
    snoozes: new SnoozeStore(db),
    reminders: new ReminderStore(db),
    digestThreshold: settings.digestThreshold,
    ...(settings.remindAfterMs === undefined ? {} : { remindAfterMs: settings.remindAfterMs }),
    ...(settings.remindMention === undefined ? {} : { remindMention: settings.remindMention }),
  };
}
