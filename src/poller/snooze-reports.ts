import type { Logger } from '../log/logger.ts';
import type { AgentIncident, AlertIncident } from '../sevensignal/types.ts';
import type { IncidentView } from '../slack/messages/incident-message.ts';
import { buildSnoozeReport, SNOOZE_END_EVENT_TYPE } from '../slack/messages/snooze-report-message.ts';
import type { SlackFailure } from '../slack/slack-errors.ts';
import type { SlackWebClient } from '../slack/web-client.ts';
import type { HeldIncident, SnoozeStore } from '../store/snoozes.ts';
import { KeyedLock } from './keyed-lock.ts';
import { postTracked } from './post-tracked.ts';

export type SnoozeReportResult = { ok: true; posted: boolean } | { ok: false; failure: SlackFailure };

function heldView(held: HeldIncident): IncidentView {
  return held.kind === 'agent'
    ? { kind: 'agent', incident: JSON.parse(held.payload) as AgentIncident, state: held.state }
    : { kind: 'alert', incident: JSON.parse(held.payload) as AlertIncident, state: held.state };
}

export interface SnoozeReporterOptions {
  slack: SlackWebClient;
  snoozes: SnoozeStore;
  logger: Logger;
}

/**
 * Posts the one message that reports the end of a snooze, to the channel the snooze was set in.
 * The poller and the End snooze button share one instance, so reports of one snooze run one at a
 * time. After a crash, a report is looked up in the channel history before it is posted again.
 */
export class SnoozeReporter {
  private readonly lock = new KeyedLock();

  constructor(private readonly options: SnoozeReporterOptions) {}

  /** Reports the end of snooze `id` unless it is reported already or has not ended. */
  report(id: number, now: number): Promise<SnoozeReportResult> {
    return this.lock.run(String(id), async () => {
      const { snoozes } = this.options;
      const snooze = snoozes.get(id);
      if (snooze === undefined || snooze.endedAt === null || snooze.reportTs !== null) {
        return { ok: true, posted: false };
      }

      const held = snoozes.held(id).map(heldView);
      const logger = this.options.logger.child({ snoozeId: id, channel: snooze.channel, held: held.length });
      const message = buildSnoozeReport({
        snoozeId: id,
        label: snooze.label,
        createdAt: snooze.createdAt,
        endedAt: snooze.endedAt,
        endedBy: snooze.endedBy,
        held,
      });

      const result = await postTracked(
        this.options.slack,
        snooze.channel,
        message,
        {
          key: { eventType: SNOOZE_END_EVENT_TYPE, kind: 'snooze', id: String(id) },
          attemptedAt: snooze.reportAttemptedAt,
          markAttempt: () => snoozes.markReportAttempt(id, now),
        },
        logger,
      );
      if (!result.ok) {
        logger.error(
          { slackError: result.failure.code },
          `Posting the end of a snooze to Slack failed: ${result.failure.fix}. It is tried again next cycle`,
        );
        return result;
      }

      snoozes.markReported(id, result.ts);
      logger.info({ ts: result.ts }, 'Reported the end of a snooze and what it held back');
      return { ok: true, posted: !result.found };
    });
  }
}
