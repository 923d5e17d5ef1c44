import type { Config } from '../config/config.ts';
import type { Logger } from '../log/logger.ts';
import type { CopyMessages } from '../poller/copy-messages.ts';
import type { IncidentMessages } from '../poller/incident-messages.ts';
import type { SnoozeReporter } from '../poller/snooze-reports.ts';
import type { RoutingDependencies } from '../routing/routing-dependencies.ts';
import type { SevenSignalClient } from '../sevensignal/client.ts';
import type { Database } from '../store/database.ts';
import type { IncidentStore } from '../store/incident-store.ts';

/** Dependencies that slash command and button handlers share with the poller: one API client, one database. */
export interface HandlerContext {
  config: Config;
  sevenSignal: SevenSignalClient;
  db: Database;
  store: IncidentStore;
  /** Renders and updates posted incident messages; shared with the poller so updates of one message never overlap. */
  messages: IncidentMessages;
  /** Updates copies of incident messages in further channels; shared with the poller like `messages`. */
  copyMessages: CopyMessages;
  /** Reports ended snoozes; shared with the poller, so a report is never posted twice at once. */
  snoozeReporter: SnoozeReporter;
  /** The routing stores, for snoozes. */
  routing: RoutingDependencies;
  logger: Logger;
  now: () => number;
}
