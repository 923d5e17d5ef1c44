import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { loadConfig, type Config } from '../config/config.ts';

/** Fixed identities of the demo workspace. */
export const DEMO_CHANNEL = { id: 'C0DEMOWIFI', name: 'wifi-incidents' } as const;
export const DEMO_VIEWER = { id: 'U0DEMOUSER', name: 'demo.user' } as const;
export const DEMO_BOT_USER = { id: 'U0000BOT', name: 'wifi-incidents' } as const;

/** Poll every 2 seconds; with the page's 1-second refresh an incident shows about 3 seconds after it qualifies. */
export const DEMO_POLL_SCHEDULE = '*/2 * * * * *';

/** Credentials made up for one run; only the fakes and the bot of that run know them. */
export interface DemoSecrets {
  clientId: string;
  clientSecret: string;
  botToken: string;
  signingSecret: string;
}

export function makeDemoSecrets(): DemoSecrets {
  return {
    clientId: 'demo-client',
    clientSecret: randomBytes(16).toString('hex'),
    botToken: `xoxb-demo-${randomBytes(12).toString('hex')}`,
    signingSecret: randomBytes(16).toString('hex'),
  };
}

/**
 * Builds the bot's settings against the fakes from these values alone. It reads no environment
 * variables and no `.env` file, so settings of a production bot cannot leak into the demo.
 */
export function demoConfig(secrets: DemoSecrets, urls: { sevenSignal: string; slack: string }, folder: string): Config {
  return loadConfig({
    SEVENSIGNAL_API_URL: urls.sevenSignal,
    SEVENSIGNAL_CLIENT_ID: secrets.clientId,
    SEVENSIGNAL_CLIENT_SECRET: secrets.clientSecret,
    SLACK_API_URL: urls.slack,
    SLACK_BOT_TOKEN: secrets.botToken,
    SLACK_SIGNING_SECRET: secrets.signingSecret,
    SLACK_CHANNEL: DEMO_CHANNEL.id,
    POLL_SCHEDULE: DEMO_POLL_SCHEDULE,
    POLL_ALERT_INCIDENTS: 'true',
    FIRST_RUN: 'summary',
    DATABASE_PATH: join(folder, 'wifi-incidents.db'),
    PORT: '0',
  });
}
