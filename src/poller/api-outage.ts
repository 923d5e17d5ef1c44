import type { Logger } from '../log/logger.ts';
import { buildApiDownMessage, buildApiRecoveredMessage } from '../slack/messages/api-status-message.ts';
import type { SlackWebClient } from '../slack/web-client.ts';
import { postMessage } from './post-incident.ts';

/**
 * Tells the channel once when the 7SIGNAL API has failed `alertAfter` poll cycles in a row, and
 * once when a cycle succeeds again, instead of a message per failed cycle.
 * NOTE: the count lives in memory, so a restart during an outage counts the failed cycles anew.
 */
export class ApiOutageNotifier {
  private failedCycles = 0;
  private firstFailureAt: number | undefined;
  private announced = false;

  constructor(
    private readonly slack: SlackWebClient,
    private readonly channel: string,
    private readonly alertAfter: number,
    private readonly logger: Logger,
  ) {}

  /** Records a cycle whose 7SIGNAL calls failed with `error`, and posts the outage message once. */
  async failed(now: number, error: Error): Promise<void> {
    this.failedCycles += 1;
    this.firstFailureAt ??= now;
    if (this.announced || this.alertAfter === 0 || this.failedCycles < this.alertAfter) {
      return;
    }

    const posted = await postMessage(this.slack, this.channel, buildApiDownMessage(this.firstFailureAt, this.failedCycles, error.message), this.logger);
    if (posted.ok) {
      this.announced = true;
      this.logger.warn({ failedCycles: this.failedCycles, channel: this.channel }, 'Told the channel that the 7SIGNAL API is unreachable');
    } else {
      this.logger.error({ slackError: posted.failure.code, channel: this.channel }, `Posting the 7SIGNAL outage message failed: ${posted.failure.fix}`);
    }
  }

  /** Records a cycle whose 7SIGNAL calls succeeded, and posts the recovery message after an announced outage. */
  async succeeded(now: number): Promise<void> {
    const since = this.firstFailureAt;
    const wasAnnounced = this.announced;
    this.failedCycles = 0;
    this.firstFailureAt = undefined;
    this.announced = false;
    if (!wasAnnounced || since === undefined) {
      return;
    }

    const posted = await postMessage(this.slack, this.channel, buildApiRecoveredMessage(since, now), this.logger);
    if (!posted.ok) {
      this.logger.error({ slackError: posted.failure.code, channel: this.channel }, `Posting the 7SIGNAL recovery message failed: ${posted.failure.fix}`);
    }
  }
}
