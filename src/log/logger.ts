import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/**
 * Field names whose values are replaced by `<secret>` wherever they appear in a log record,
 * as a second line of defence: the code never passes secrets to the logger on purpose.
 */
const REDACTED_PATHS = [
  'token',
  'accessToken',
  'access_token',
  'clientSecret',
  'client_secret',
  'signingSecret',
  'botToken',
  'appToken',
  'authorization',
  'headers.authorization',
  '*.token',
  '*.accessToken',
  '*.access_token',
  '*.clientSecret',
  '*.client_secret',
  '*.authorization',
];

/** Creates the JSON logger of the bot, writing to `destination` (stdout by default). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '<secret>' },
    },
    destination,
  );
}
