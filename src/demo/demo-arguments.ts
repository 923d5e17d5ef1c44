import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** Port of the stand-in page unless `--port` sets another. */
export const DEFAULT_PAGE_PORT = 3030;
export const DEFAULT_SCENARIO = fileURLToPath(new URL('./scenarios/default.json', import.meta.url));
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export const USAGE = `Usage: npm run demo -- [--scenario FILE] [--port PORT] [--bot-log-level LEVEL]

Runs the bot against a fake 7SIGNAL API and a Slack stand-in page, all on 127.0.0.1.

  --scenario FILE          scenario to play, a JSON file (default: src/demo/scenarios/default.json)
  --port PORT              port of the stand-in page on 127.0.0.1; 0 picks a free one (default: ${DEFAULT_PAGE_PORT})
  --bot-log-level LEVEL    lowest level of the bot's own log lines: ${LOG_LEVELS.join(', ')} (default: warn)
  --help                   print this text`;

export type DemoArguments =
  | { kind: 'run'; scenarioFile: string; pagePort: number; botLogLevel: string }
  | { kind: 'help' }
  | { kind: 'invalid'; problem: string };

/**
 * Parses the demo's command line. A relative scenario path is resolved against the folder npm was
 * started in (`INIT_CWD`), because `npm run` switches to the project folder first.
 */
export function parseDemoArguments(args: string[], env: NodeJS.ProcessEnv = process.env): DemoArguments {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        scenario: { type: 'string' },
        port: { type: 'string' },
        'bot-log-level': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { kind: 'invalid', problem: error instanceof Error ? error.message : String(error) };
  }
  if (values.help === true) {
    return { kind: 'help' };
  }

  const portText = values.port ?? String(DEFAULT_PAGE_PORT);
  const pagePort = Number(portText);
  if (!/^\d+$/.test(portText) || pagePort > 65_535) {
    return { kind: 'invalid', problem: `--port is "${portText}": use a port number from 0 to 65535` };
  }

  const botLogLevel = values['bot-log-level'] ?? 'warn';
  if (!LOG_LEVELS.includes(botLogLevel)) {
    return { kind: 'invalid', problem: `--bot-log-level is "${botLogLevel}": use one of ${LOG_LEVELS.join(', ')}` };
  }

  const baseFolder = env.INIT_CWD ?? process.cwd();
  const scenarioFile = values.scenario === undefined ? DEFAULT_SCENARIO : isAbsolute(values.scenario) ? values.scenario : resolve(baseFolder, values.scenario);
  return { kind: 'run', scenarioFile, pagePort, botLogLevel };
}
