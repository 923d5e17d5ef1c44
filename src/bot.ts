import type { Config } from './config/config.ts';
import type { Logger } from './log/logger.ts';
import { ChannelPacer } from './poller/channel-pacer.ts';
import { CopyMessages } from './poller/copy-messages.ts';
import { SnoozeReporter } from './poller/snooze-reports.ts';
import { snoozeViews } from './poller/snooze-view.ts';
import { IncidentMessages } from './poller/incident-messages.ts';
import { withChannelPacing } from './poller/paced-slack-client.ts';
import { Poller } from './poller/poller.ts';
import { createMetrics, pathTemplate, type Metrics } from './operations/metrics.ts';
import { operationsRoutes } from './operations/routes.ts';
import { scheduleIntervalMs } from './operations/schedule-interval.ts';
import { runPollCycle, type CycleResult, type PollerDependencies } from './poller/poll-cycle.ts';
import { createRoutingDependencies } from './routing/routing-dependencies.ts';
import { createSevenSignalClient, type SevenSignalClient } from './sevensignal/client.ts';
import { createSlackApp, initSlackApp, startSlackApp, verifySlackToken, type SlackApp } from './slack/slack-app.ts';
import { registerListeners } from './slack/register.ts';
import { createSlackWebClient, type SlackWebClient } from './slack/web-client.ts';
import { AcknowledgementStore } from './store/acknowledgements.ts';
import { openDatabase, type Database } from './store/database.ts';
import { IncidentLifecycleStore } from './store/incident-lifecycle.ts';
import { IncidentStore } from './store/incident-store.ts';
import { PollCursors } from './store/poll-cursors.ts';
import { PollerLock } from './store/poller-lock.ts';

export interface BotOptions {
  config: Config;
  logger: Logger;
  /** Clock in epoch milliseconds; tests set it. */
  now?: () => number;
  /** Interface the HTTP receiver listens on; all interfaces when unset. */
  host?: string;
  /** Retries of one Slack call; tests set 0. */
  slackRetries?: number;
  /** Called when the bot cannot go on, such as when 7SIGNAL rejects the API credentials. */
  onFatal?: (error: Error) => void;
}

/** A running bot: the Bolt app, the poller and the database they share. */
export interface RunningBot {
  app: SlackApp;
  poller: Poller;
  sevenSignal: SevenSignalClient;
  db: Database;
  /** Listening port of the HTTP receiver; undefined in Socket Mode. */
  port: number | undefined;
  metrics: Metrics;
  stop(): Promise<void>;
}

function createDependencies(
  options: BotOptions,
  db: Database,
  slack: SlackWebClient,
  sevenSignal: SevenSignalClient,
): PollerDependencies & { messages: IncidentMessages; copyMessages: CopyMessages; snoozeReporter: SnoozeReporter } {
  const { config, logger } = options;
  const store = new IncidentStore(db);
  const routing = createRoutingDependencies(db, {
    routes: config.routing.routes,
    defaultChannel: config.slack.channel,
    digestThreshold: config.routing.digestThreshold,
    remindAfterMs: config.reminders.unacknowledgedAfterMs,
    remindMention: config.reminders.mention,
  });
  const messages = new IncidentMessages({
    slack,
    store,
    lifecycle: new IncidentLifecycleStore(db),
    acknowledgements: new AcknowledgementStore(db),
    logger: logger.child({ component: 'incident-messages' }),
    snoozeOf: snoozeViews(routing.snoozes),
  });
  const copyMessages = new CopyMessages({ slack, copies: routing.copies, messages, logger: logger.child({ component: 'copy-messages' }) });
  const snoozeReporter = new SnoozeReporter({ slack, snoozes: routing.snoozes, logger: logger.child({ component: 'snooze-reports' }) });
  return {
    api: sevenSignal.api,
    store,
    messages,
    copyMessages,
    snoozeReporter,
    pollAlertIncidents: config.poll.alertIncidents,
    cursors: new PollCursors(db),
    slack,
    channel: config.slack.channel,
    routing,
    organizations: config.sevenSignal.organizations,
    lookbackMs: config.poll.lookbackMs,
    firstRun: config.poll.firstRun,
    logger: logger.child({ component: 'poller' }),
  };
}

/**
 * Creates the Slack client of the poller and the incident messages. Its posts are spaced per
 * channel by SLACK_POST_INTERVAL, and a 429 holds back only the channel it came for.
 */
function createPostingClient(options: BotOptions): SlackWebClient {
  const { config, logger } = options;
  const client = createSlackWebClient({
    botToken: config.slack.botToken,
    apiUrl: config.slack.apiUrl,
    logger,
    retries: options.slackRetries,
    rejectRateLimitedCalls: true,
  });
  return withChannelPacing(client, new ChannelPacer(config.slack.postIntervalMs), logger.child({ component: 'slack-posts' }));
}

/** Thrown by `runOnce` when another process holds the poller lock. */
export class PollerLockedError extends Error {
  readonly code = 'poller_locked';
}

/** Returns how long a heartbeat of the poller lock counts: three poll intervals, at least a minute. */
function lockLeaseMs(schedule: string): number {
  return Math.max(60_000, 3 * scheduleIntervalMs(schedule));
}

function createClient(options: BotOptions, metrics?: Metrics): SevenSignalClient {
  const { config, logger } = options;
  return createSevenSignalClient({
    onAttempt: ({ method, pathname, status, seconds }) => {
      metrics?.apiLatency.observe({ method, path: pathTemplate(pathname), status: String(status) }, seconds);
    },
    baseUrl: config.sevenSignal.apiUrl,
    clientId: config.sevenSignal.clientId,
    clientSecret: config.sevenSignal.clientSecret,
    timeoutMs: config.sevenSignal.timeoutMs,
    logger: logger.child({ component: 'sevensignal' }),
    now: options.now,
  });
}

/**
 * Runs one poll cycle and closes everything again, for cron jobs, systemd timers and tests.
 * The Slack token is checked first, so a wrong token or an unreachable Slack API fails clearly.
 */
export async function runOnce(options: BotOptions): Promise<CycleResult> {
  const { config, logger } = options;
  const slack = createPostingClient(options);

  await verifySlackToken(slack, config.slack.apiUrl);

  const db = openDatabase(config.databasePath);
  const lock = new PollerLock(db, lockLeaseMs(config.poll.schedule));
  try {
    const now = (options.now ?? Date.now)();
    const acquired = lock.acquire(now);
    if (!acquired.acquired) {
      const { hostname, pid } = acquired.holder;
      throw new PollerLockedError(
        `Another wifi-incidents process (pid ${pid} on ${hostname}) polls with ${config.databasePath}; ` +
          'stop it first, or let it do the polling.',
      );
    }

    const deps = createDependencies(options, db, slack, createClient(options));
    return await runPollCycle(deps, now);
  } finally {
    lock.release();
    db.close();
  }
}

/** Starts the Bolt app and the poller; the first poll cycle runs at once. */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { config, logger } = options;
  const now = options.now ?? Date.now;
  const metrics = createMetrics();
  let poller: Poller | undefined;
  const routes = operationsRoutes({
    metrics,
    lastSuccessAt: () => poller?.lastSuccessAt,
    startedAt: now(),
    healthThresholdMs: 3 * scheduleIntervalMs(config.poll.schedule),
    now,
  });

  const app = createSlackApp({ ...config.slack, logger, retries: options.slackRetries, customRoutes: routes, port: config.port });
  await initSlackApp(app, config.slack.apiUrl);

  const db = openDatabase(config.databasePath);
  const sevenSignal = createClient(options, metrics);
  const deps = { ...createDependencies(options, db, createPostingClient(options), sevenSignal), metrics };
  registerListeners(app, {
    config,
    sevenSignal,
    db,
    store: deps.store,
    messages: deps.messages,
    copyMessages: deps.copyMessages,
    snoozeReporter: deps.snoozeReporter,
    routing: deps.routing,
    logger: logger.child({ component: 'slack-handlers' }),
    now: options.now ?? Date.now,
  });
  const lock = new PollerLock(db, lockLeaseMs(config.poll.schedule));
  poller = new Poller(deps, {
    schedule: config.poll.schedule,
    now: options.now,
    onFatal: options.onFatal,
    lock,
    apiDownAlertAfter: config.poll.apiDownAlertAfter,
  });
  const runningPoller = poller;

  let port: number | undefined;
  try {
    port = await startSlackApp(app, config.port, options.host);
  } catch (error) {
    db.close();
    throw error;
  }
  logger.info({ port, socketMode: config.slack.appToken !== undefined, schedule: config.poll.schedule }, 'wifi-incidents bot started');
  poller.start();

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      await runningPoller.stop();
      await app.stop();
      db.close();
      logger.info('wifi-incidents bot stopped');
    })();
    return stopped;
  };

  return { app, poller: runningPoller, sevenSignal, db, port, metrics, stop };
}
