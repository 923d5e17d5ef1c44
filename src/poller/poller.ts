import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../log/logger.ts';
import { SevenSignalError } from '../sevensignal/errors.ts';
import type { PollerLock } from '../store/poller-lock.ts';
import { ApiOutageNotifier } from './api-outage.ts';
import { runPollCycle, type CycleResult, type PollerDependencies } from './poll-cycle.ts';

export interface PollerOptions {
  /** Cron expression, five fields or six with seconds, evaluated in UTC. */
  schedule: string;
  now?: () => number;
  /** Called when a cycle fails in a way no later cycle can fix, such as rejected API credentials. */
  onFatal?: (error: Error) => void;
  /** The database lock that lets one process poll; every process polls when unset. */
  lock?: PollerLock;
  /** Failed cycles in a row after which a message reports to the channel that 7SIGNAL is unreachable. 0 or unset turns it off. */
  apiDownAlertAfter?: number;
}

/**
 * Runs poll cycles on a cron schedule, the first one at start. A tick that comes while a cycle
 * is still running is skipped, so cycles never overlap.
 */
export class Poller {
  private task: ScheduledTask | undefined;
  private running: Promise<CycleResult> | undefined;
  private cycleNumber = 0;
  private lastSuccess: number | undefined;
  private lockHeld = false;
  private readonly outage: ApiOutageNotifier;
  private waitingForLock = false;
  private readonly now: () => number;
  private readonly logger: Logger;

  constructor(
    private readonly deps: PollerDependencies,
    private readonly options: PollerOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.logger = deps.logger;
    this.outage = new ApiOutageNotifier(deps.slack, deps.channel, options.apiDownAlertAfter ?? 0, deps.logger);
  }

  /** End of the last cycle that succeeded, in epoch ms; undefined before the first. */
  get lastSuccessAt(): number | undefined {
    return this.lastSuccess;
  }

  /** Runs one cycle now, or returns the cycle already running. */
  runCycle(): Promise<CycleResult> {
    this.running ??= this.execute().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Starts the schedule and runs the first cycle at once. */
  start(): void {
    this.task = cron.schedule(this.options.schedule, () => this.tick(), { timezone: 'UTC', name: 'poll-incidents' });
    this.tick();
  }

  /** Stops the schedule and waits for a running cycle to finish. */
  async stop(): Promise<void> {
    await this.task?.destroy();
    this.task = undefined;
    await this.running?.catch(() => undefined);
    if (this.lockHeld) {
      this.options.lock?.release();
      this.lockHeld = false;
    }
  }

  private tick(): void {
    if (this.running) {
      this.logger.warn('The previous poll cycle is still running; skipping this tick');
      return;
    }
    if (!this.holdsLock()) {
      return;
    }
    this.runCycle().catch((error: unknown) => {
      this.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'Poll cycle failed unexpectedly');
    });
  }

  private async execute(): Promise<CycleResult> {
    this.cycleNumber += 1;
    const now = this.now();
    const logger = this.logger.child({ cycle: this.cycleNumber });
    const startedAt = performance.now();

    const result = await runPollCycle({ ...this.deps, logger }, now);
    const durationMs = Math.round(performance.now() - startedAt);
    logger.info(
      {
        ok: result.ok,
        listed: result.listed,
        new: result.new,
        posted: result.posted,
        failedPosts: result.failedPosts,
        digests: result.digests,
        held: result.held,
        announced: result.announced,
        refreshed: result.refreshed,
        failedUpdates: result.failedUpdates,
        snoozesReported: result.snoozesReported,
        reminded: result.reminded,
        durationMs,
      },
      'Poll cycle finished',
    );

    this.recordOutcome(result);
    await this.reportOutage(result, now);

    const fatal = result.errors.find((error) => error instanceof SevenSignalError && error.code === 'invalid_credentials');
    if (fatal) {
      this.task?.stop();
      this.options.onFatal?.(fatal);
    }
    return result;
  }

  /**
   * Takes or renews the poller lock. A process that cannot take it logs the holder once and tries
   * again on every tick, so it takes over when the holder stops or dies.
   */
  private holdsLock(): boolean {
    const lock = this.options.lock;
    if (lock === undefined) {
      return true;
    }

    const now = this.now();
    if (this.lockHeld && lock.heartbeat(now)) {
      return true;
    }

    const result = lock.acquire(now);
    if (result.acquired) {
      if (this.waitingForLock) {
        this.logger.info('Took over polling: the process that held the poller lock stopped');
      }
      this.lockHeld = true;
      this.waitingForLock = false;
      return true;
    }

    this.lockHeld = false;
    if (!this.waitingForLock) {
      const { hostname, pid, acquiredAt } = result.holder;
      this.logger.error(
        { holderHost: hostname, holderPid: pid, since: new Date(acquiredAt).toISOString() },
        `Not polling: another wifi-incidents process (pid ${pid} on ${hostname}) polls with this database. ` +
          'This process answers Slack requests and takes over polling when that process stops.',
      );
      this.waitingForLock = true;
    }
    return false;
  }

  /** Tells the channel about a 7SIGNAL outage once it lasts, and once it ends; invalid credentials stop the bot instead. */
  private async reportOutage(result: CycleResult, now: number): Promise<void> {
    const apiError = result.errors.find((error) => error instanceof SevenSignalError && error.code !== 'invalid_credentials');
    if (apiError !== undefined) {
      await this.outage.failed(now, apiError);
    } else if (!result.errors.some((error) => error instanceof SevenSignalError)) {
      await this.outage.succeeded(now);
    }
  }

  /** Keeps the time of a success for `/healthz`, and counts the cycle and its failures by reason. */
  private recordOutcome(result: CycleResult): void {
    const metrics = this.deps.metrics;
    if (result.ok) {
      this.lastSuccess = this.now();
      metrics?.lastSuccess.set(Math.floor(this.lastSuccess / 1000));
    }

    metrics?.cycles.inc({ result: result.ok ? 'ok' : 'failed' });
    for (const error of result.errors) {
      const reason = error instanceof SevenSignalError ? error.code : 'unexpected';
      metrics?.failures.inc({ source: '7signal', reason });
    }
  }
}
