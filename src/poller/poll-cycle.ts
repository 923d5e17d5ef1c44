import type { Logger } from '../log/logger.ts';
import type { Metrics } from '../operations/metrics.ts';
import type { RoutingDependencies } from '../routing/routing-dependencies.ts';
import type { SevenSignalApi } from '../sevensignal/client.ts';
import type { IncidentStore } from '../store/incident-store.ts';
import type { PollCursors } from '../store/poll-cursors.ts';
import type { SlackWebClient } from '../slack/web-client.ts';
import type { CopyMessages } from './copy-messages.ts';
import type { IncidentMessages } from './incident-messages.ts';
import { pollAgentIncidents } from './poll-agents.ts';
import { pollAlertIncidents } from './poll-alerts.ts';
import { reportEndedSnoozes } from './report-ended-snoozes.ts';
import { sendReminders } from './send-reminders.ts';
import { sendRoutedIncidents } from './send-routed.ts';
import type { SnoozeReporter } from './snooze-reports.ts';
import { updateCopyMessages } from './update-copies.ts';
import { updatePostedMessages } from './update-posted.ts';

export interface PollerDependencies {
  api: SevenSignalApi;
  store: IncidentStore;
  cursors: PollCursors;
  slack: SlackWebClient;
  /** The channel of incidents that no route matches, and of the first-run summary. */
  channel: string;
  /** Chooses channels, gathers storms into digests, holds back snoozed incidents and sends reminders. */
  routing: RoutingDependencies;
  /** Organizations to poll; an empty string stands for the organization of the API key. */
  organizations: string[];
  lookbackMs: number;
  firstRun: 'summary' | 'post';
  logger: Logger;
  /** Whether alert-rule incidents are polled too; false when unset. The bot sets it from POLL_ALERT_INCIDENTS. */
  pollAlertIncidents?: boolean;
  /**
   * Updates posted messages on changes of state and data, shared with the button handlers. When
   * unset, the cycle only posts new incidents and leaves posted messages as they are.
   */
  messages?: IncidentMessages;
  /** Updates the copies of incident messages in further channels; when unset, copies are posted and then left as they are. */
  copyMessages?: CopyMessages;
  /** Reports ended snoozes, shared with the End snooze button; when unset, snoozes end without a report. */
  snoozeReporter?: SnoozeReporter;
  /** Counters of posts and Slack errors; none are kept when unset. */
  metrics?: Metrics;
}

/** Counts of one poll cycle; `ok` is false when a listing, a post or an update of a message failed. */
export interface CycleResult {
  ok: boolean;
  listed: number;
  new: number;
  posted: number;
  failedPosts: number;
  /** Digest messages posted, each standing for many new incidents of one channel. */
  digests: number;
  /** New incidents recorded without a post because a snooze matched them. */
  held: number;
  /** Ended snoozes reported in Slack with what they held back. */
  snoozesReported: number;
  /** Reminders posted about open incidents without an acknowledgement. */
  reminded: number;
  /** Changes of state announced in Slack. */
  announced: number;
  /** Messages refreshed in place for changed incident data. */
  refreshed: number;
  failedUpdates: number;
  errors: Error[];
}

type PollSource = {
  kind: string;
  poll: (deps: PollerDependencies, organization: string, now: number, result: CycleResult) => Promise<void>;
};

/**
 * Runs one poll cycle at `now`. For each organization it lists the agent incidents of the window
 * (and the alert-rule incidents, when switched on), diffs them against the seen-set, chooses the
 * channels of the new ones and moves the cursors. Then it posts every pending incident, as a digest
 * where a channel gets many. It updates posted messages and copies whose incident changed, reports
 * ended snoozes and posts reminders of open incidents without an acknowledgement.
 */
export async function runPollCycle(deps: PollerDependencies, now: number): Promise<CycleResult> {
  const result: CycleResult = {
    ok: true,
    listed: 0,
    new: 0,
    posted: 0,
    failedPosts: 0,
    digests: 0,
    held: 0,
    snoozesReported: 0,
    reminded: 0,
    announced: 0,
    refreshed: 0,
    failedUpdates: 0,
    errors: [],
  };
  const organizations = deps.organizations.length > 0 ? deps.organizations : [''];
  const sources: PollSource[] = [{ kind: 'agent', poll: pollAgentIncidents }];
  if (deps.pollAlertIncidents === true) {
    sources.push({ kind: 'alert-rule', poll: pollAlertIncidents });
  }

  for (const organization of organizations) {
    for (const source of sources) {
      try {
        await source.poll(deps, organization, now, result);
      } catch (error) {
        result.ok = false;
        result.errors.push(error instanceof Error ? error : new Error(String(error)));
        const rejectedKey = (error as { code?: unknown }).code === 'invalid_credentials';
        deps.logger.error(
          { organization: organization || undefined, err: describeError(error) },
          rejectedKey
            ? `Listing 7SIGNAL ${source.kind} incidents failed: 7SIGNAL rejected the API key`
            : `Listing 7SIGNAL ${source.kind} incidents failed; the next cycle asks for the same window again`,
        );
        if (rejectedKey) {
          return result;
        }
      }
    }
  }

  const sent = await sendRoutedIncidents(deps, now);
  result.posted = sent.posted;
  result.failedPosts = sent.failed;
  result.digests = sent.digests;
  if (sent.failed > 0) {
    result.ok = false;
  }

  if (deps.messages !== undefined) {
    const updated = await updatePostedMessages(deps.messages, deps.logger, now, deps.metrics);
    result.announced = updated.announced;
    result.refreshed = updated.refreshed;
    result.failedUpdates = updated.failed;
    if (updated.failed > 0) {
      result.ok = false;
    }
  }

  if (deps.copyMessages !== undefined) {
    const updated = await updateCopyMessages(deps.copyMessages, deps.routing.copies, deps.logger, now, deps.metrics);
    result.announced += updated.announced;
    result.refreshed += updated.refreshed;
    result.failedUpdates += updated.failed;
    if (updated.failed > 0) {
      result.ok = false;
    }
  }

  if (deps.snoozeReporter !== undefined) {
    const snoozes = await reportEndedSnoozes(deps, deps.snoozeReporter, now);
    result.snoozesReported = snoozes.reported;
    result.failedPosts += snoozes.failed;
    if (snoozes.failed > 0) {
      result.ok = false;
    }
  }

  const reminders = await sendReminders(deps, now);
  result.reminded = reminders.reminded;
  result.failedPosts += reminders.failed;
  if (reminders.failed > 0) {
    result.ok = false;
  }

  return result;
}

/** Returns the loggable parts of an error: code, message, status and request path, but no headers. */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) {
    return { message: String(error) };
  }
  const details = error as Error & { code?: unknown; status?: unknown; path?: unknown; requestId?: unknown };
  return {
    code: details.code,
    message: error.message,
    status: details.status,
    path: details.path,
    requestId: details.requestId,
  };
}
