import type { Config } from '../../config/config.ts';
import type { Logger } from '../../log/logger.ts';
import type { CopyMessages } from '../../poller/copy-messages.ts';
import type { IncidentMessages } from '../../poller/incident-messages.ts';
import type { SnoozeReporter } from '../../poller/snooze-reports.ts';
import type { KeyedLock } from '../../poller/keyed-lock.ts';
import type { SevenSignalApi } from '../../sevensignal/client.ts';
import type { ActionAudit } from '../../store/action-audit.ts';
import type { IncidentStore } from '../../store/incident-store.ts';
import type { SnoozeStore } from '../../store/snoozes.ts';
import type { ButtonTarget } from '../messages/incident-buttons.ts';
import type { SlackWebClient } from '../web-client.ts';
import type { AllowedUsers } from './allowed-users.ts';
import type { ButtonClick } from './button-click.ts';

/** The services and settings the button handlers use. */
export interface ActionDependencies {
  allowLists: Config['actions'];
  api: SevenSignalApi;
  slack: SlackWebClient;
  store: IncidentStore;
  messages: IncidentMessages;
  /** Updates the copies of a message in further channels along with it. */
  copyMessages: CopyMessages;
  snoozes: SnoozeStore;
  /** Posts the report of an ended snooze; shared with the poller. */
  snoozeReporter: SnoozeReporter;
  audit: ActionAudit;
  allowedUsers: AllowedUsers;
  /** Runs resolve clicks of one incident one at a time, so a second click reads the first one's result. */
  resolving: KeyedLock;
  logger: Logger;
  now: () => number;
}

/** The result of a click: a stable code for the audit table, its detail, and the clicker's ephemeral reply. */
export interface ClickOutcome {
  result: string;
  detail?: string;
  reply?: string;
}

/** Handles the click on one kind of button, after the value was read and the user allowed. */
export type ClickHandler = (deps: ActionDependencies, click: ButtonClick, target: ButtonTarget) => Promise<ClickOutcome>;

/** The reply to a button whose value or action id this version does not understand, or whose incident it has no record of. */
export function outOfDate(detail: string): ClickOutcome {
  return {
    result: 'out_of_date',
    detail,
    reply: 'This message is out of date: the bot no longer understands its buttons. Nothing was changed.',
  };
}
