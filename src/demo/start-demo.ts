import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBot } from '../bot.ts';
import type { Logger } from '../log/logger.ts';
import { WIFI_INCIDENTS_COMMAND } from '../slack/commands/usage-message.ts';
import { SLACK_EVENTS_PATH } from '../slack/slack-app.ts';
import { formatOffset, loadScenario, startScenario } from '../simulator/scenario/index.ts';
import { startFakeSevenSignal } from '../simulator/sevensignal/index.ts';
import { startSlackStandIn, type SlackStandIn } from '../simulator/slack-page/index.ts';
import { startFakeSlack, type FakeSlack } from '../simulator/slack/index.ts';
import { sourceLogger } from './demo-log.ts';
import { DEMO_BOT_USER, DEMO_CHANNEL, DEMO_VIEWER, demoConfig, makeDemoSecrets } from './demo-settings.ts';
import { describeSlackCall } from './slack-activity.ts';

export interface DemoOptions {
  /** Path of the scenario file. */
  scenarioFile: string;
  /** Port of the stand-in page on 127.0.0.1; 0 picks a free one. */
  pagePort: number;
  /** Level of the bot's own log lines, such as `warn` or `info`. */
  botLogLevel: string;
  logger: Logger;
}

export interface RunningDemo {
  pageUrl: string;
  /** Temporary folder with the SQLite database; `stop()` removes it. */
  folder: string;
  standIn: SlackStandIn;
  slack: FakeSlack;
  /** Stops the scenario, the page, the bot and the fakes, and removes the temporary folder. */
  stop(): Promise<void>;
}

type Cleanup = { what: string; run: () => Promise<void> | void };

/** Runs cleanups newest first; a failing one is logged and the rest still run. */
async function runCleanups(cleanups: Cleanup[], log: Logger): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup.run();
    } catch (error) {
      log.error({ err: error instanceof Error ? error.message : String(error) }, `Stopping ${cleanup.what} failed`);
    }
  }
}

/**
 * Starts the demo: the fake 7SIGNAL API driven by the scenario, the fake Slack Web API with its
 * stand-in page, and the real bot with a SQLite file in a new temporary folder. Everything
 * listens on 127.0.0.1. When a step fails, what already started is stopped again.
 */
export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const log = sourceLogger(options.logger, 'demo');
  const scenario = await loadScenario(options.scenarioFile);
  const secrets = makeDemoSecrets();
  const cleanups: Cleanup[] = [];

  try {
    const folder = mkdtempSync(join(tmpdir(), 'wifi-incidents-demo-'));
    cleanups.push({ what: 'the temporary folder', run: () => rmSync(folder, { recursive: true, force: true }) });

    // NOTE: both fakes keep every request in memory, a few per poll cycle, so a demo left running for days keeps growing.
    const sevenSignal = await startFakeSevenSignal({ clientId: secrets.clientId, clientSecret: secrets.clientSecret });
    cleanups.push({ what: 'the fake 7SIGNAL API', run: () => sevenSignal.close() });
    const slack = await startFakeSlack({ botToken: secrets.botToken, botUserId: DEMO_BOT_USER.id });
    cleanups.push({ what: 'the fake Slack API', run: () => slack.close() });

    const slackLog = sourceLogger(options.logger, 'slack');
    slack.onCall((call) => {
      const line = describeSlackCall(call);
      if (line !== undefined) {
        slackLog[call.response.ok === true ? 'info' : 'warn'](line);
      }
    });

    log.info(`Scenario "${scenario.name}" from ${options.scenarioFile} (agent incidents: ${scenario.agentIncidents.length}, alert-rule incidents: ${scenario.alertIncidents.length})`);
    const scenarioLog = sourceLogger(options.logger, '7signal');
    // The scenario starts before the bot, so that events before offset 0 are in the bot's first poll.
    const running = startScenario({
      scenario,
      target: sevenSignal,
      onEvent: (event) => scenarioLog.info(`${formatOffset(event.offset).padStart(6)}  ${event.description}`),
      onFinished: () => log.info('The scenario has no more events; the bot and the page keep running until Ctrl-C'),
      onError: (error) => log.error({ err: error.message }, 'Applying a scenario event failed; the remaining events are skipped'),
    });
    cleanups.push({ what: 'the scenario', run: () => running.stop() });

    const config = demoConfig(secrets, { sevenSignal: sevenSignal.url, slack: slack.url }, folder);
    log.info(`SQLite database in ${config.databasePath}; polling 7SIGNAL on the schedule "${config.poll.schedule}"`);
    const bot = await startBot({
      config,
      logger: sourceLogger(options.logger, 'bot', options.botLogLevel),
      host: '127.0.0.1',
      onFatal: (error) => log.fatal({ err: error.message }, 'The bot stopped polling; restart the demo'),
    });
    cleanups.push({ what: 'the bot', run: () => bot.stop() });

    const pageLog = sourceLogger(options.logger, 'page');
    const standIn = await startSlackStandIn({
      slack,
      app: { url: `http://127.0.0.1:${bot.port}${SLACK_EVENTS_PATH}`, signingSecret: secrets.signingSecret },
      channel: DEMO_CHANNEL,
      viewer: DEMO_VIEWER,
      appUser: DEMO_BOT_USER,
      commands: [WIFI_INCIDENTS_COMMAND],
      port: options.pagePort,
      onActivity: (line) => pageLog.info(line),
    });
    cleanups.push({ what: 'the stand-in page', run: () => standIn.close() });

    return {
      pageUrl: standIn.url,
      folder,
      standIn,
      slack,
      stop: () => runCleanups(cleanups, log),
    };
  } catch (error) {
    await runCleanups(cleanups, log);
    throw error;
  }
}
