import { pino, type Logger, type DestinationStream } from 'pino';
import pretty from 'pino-pretty';

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

/**
 * Creates the logger of the bot. It writes one JSON line per event to `destination`, or to stdout,
 * except that a terminal gets readable colored lines instead.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const output = destination ?? (process.stdout.isTTY ? pretty({ colorize: true, translateTime: 'SYS:standard' }) : undefined);
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '<secret>' },
    },
    output,
  );
}
