import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type CustomRoute } from '@slack/bolt';
import type { Logger } from '../log/logger.ts';
import { toSlackLogger } from './slack-logger.ts';
import { classifySlackError } from './slack-errors.ts';
import { slackClientOptions, type SlackWebClient } from './web-client.ts';

export type SlackApp = App;

/** Path of the HTTP receiver for commands and interactivity. */
export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackAppOptions {
  botToken: string;
  signingSecret: string | undefined;
  /** App-level token; when set the app connects with Socket Mode instead of listening for HTTP. */
  appToken: string | undefined;
  apiUrl: string;
  logger: Logger;
  retries?: number;
  /** Extra HTTP routes, such as `/healthz`, beside `/slack/events` (in Socket Mode on `port`). */
  customRoutes?: CustomRoute[];
  /** Port of the HTTP server for the extra routes in Socket Mode. */
  port?: number;
}

/** Thrown when Slack cannot be reached or rejects the bot token at start-up. */
export class SlackStartupError extends Error {
  readonly code = 'slack_startup_failed';
}

/** Creates the Bolt app, with an HTTP receiver on `/slack/events`, or Socket Mode when an app token is given. */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const logger = toSlackLogger(options.logger.child({ component: 'bolt' }));
  const clientOptions = slackClientOptions(options);

  if (options.appToken) {
    return new App({
      token: options.botToken,
      appToken: options.appToken,
      socketMode: true,
      logger,
      clientOptions,
      deferInitialization: true,
      ...(options.customRoutes ? { customRoutes: options.customRoutes, installerOptions: { port: options.port } } : {}),
    });
  }

  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret ?? '',
    endpoints: SLACK_EVENTS_PATH,
    logger,
    ...(options.customRoutes ? { customRoutes: options.customRoutes } : {}),
  });
  return new App({ token: options.botToken, receiver, logger, clientOptions, deferInitialization: true });
}

function startupError(error: unknown, apiUrl: string): SlackStartupError {
  const failure = classifySlackError(error);
  return new SlackStartupError(`Slack start-up check (auth.test at ${apiUrl}) failed with ${failure.code}: ${failure.fix}.`, {
    cause: error,
  });
}

/**
 * Initializes the Bolt app, which verifies the bot token with `auth.test`, so that an unreachable
 * Slack API or a wrong token is a clear start-up error instead of an unhandled rejection.
 */
export async function initSlackApp(app: SlackApp, apiUrl: string): Promise<void> {
  try {
    await app.init();
  } catch (error) {
    throw startupError(error, apiUrl);
  }
}

/** Verifies the bot token with `auth.test` where no Bolt app runs. */
export async function verifySlackToken(client: SlackWebClient, apiUrl: string): Promise<void> {
  try {
    await client.auth.test();
  } catch (error) {
    throw startupError(error, apiUrl);
  }
}

/**
 * Starts receiving requests: listens on `port` (and `host`, when given) in HTTP mode, or opens the
 * Socket Mode connection. Returns the listening port in HTTP mode.
 */
export async function startSlackApp(app: SlackApp, port: number, host?: string): Promise<number | undefined> {
  const started = (await app.start(host === undefined ? port : { port, host })) as unknown;
  const server = started as Server | undefined;
  if (server && typeof server.address === 'function') {
    return (server.address() as AddressInfo).port;
  }
  return undefined;
}
