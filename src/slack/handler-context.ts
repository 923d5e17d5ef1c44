import type { Config } from '../config/config.ts';
import type { Logger } from '../log/logger.ts';
import type { IncidentMessages } from '../poller/incident-messages.ts';
import type { SevenSignalClient } from '../sevensignal/client.ts';
import type { Database } from '../store/database.ts';
import type { IncidentStore } from '../store/incident-store.ts';

/** What slash command and button handlers share with the poller: one API client, one database. */
export interface HandlerContext {
  config: Config;
  sevenSignal: SevenSignalClient;
  db: Database;
  store: IncidentStore;
  /** Renders and updates posted incident messages; shared with the poller so updates of one message never overlap. */
  messages: IncidentMessages;
  logger: Logger;
  now: () => number;
}
