import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config/config.ts';
import { createLogger, type Logger } from './log/logger.ts';
import { runOnce, startBot } from './bot.ts';
import { formatCheck, runChecks } from './check/run-checks.ts';

const USAGE = `Usage: npm start [-- OPTION]

Runs the wifi-incidents Slack bot: the Slack receiver and the 7SIGNAL poller.
Settings come from the environment and from ./.env; see .env.example.

Options:
  --once    run one poll cycle and exit (0 on success, 1 on failure, 2 for invalid settings)
  --check   check the settings, the 7SIGNAL API key, the Slack token and posting to SLACK_CHANNEL
  --help    print this help`;

/** Exit code for invalid settings or credentials: a person must change something first. */
const EXIT_CONFIG = 2;

function readConfig(): Config | undefined {
  if (existsSync('.env')) {
    // Values already in the environment win over those in the file.
    process.loadEnvFile('.env');
  }

  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) {
        console.error(`wifi-incidents: ${problem}`);
      }
      return undefined;
    }
    throw error;
  }
}

async function runOnceCommand(config: Config, logger: Logger): Promise<number> {
  const result = await runOnce({ config, logger });
  if (result.errors.some((error) => (error as { code?: string }).code === 'invalid_credentials')) {
    return EXIT_CONFIG;
  }
  return result.ok ? 0 : 1;
}

async function checkCommand(config: Config, logger: Logger): Promise<number> {
  const results = await runChecks(config, logger);
  for (const result of results) {
    console.log(formatCheck(result));
  }
  return results.every((result) => result.ok) ? 0 : 1;
}

async function serve(config: Config, logger: Logger): Promise<void> {
  const bot = await startBot({
    config,
    logger,
    onFatal: (error) => {
      logger.fatal({ err: error.message }, 'Stopping: the bot cannot go on without a change of settings');
      void bot.stop().finally(() => process.exit(EXIT_CONFIG));
    },
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'Stopping after the running poll cycle');
    void bot.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

async function main(): Promise<number | undefined> {
  const { values } = parseArgs({
    options: {
      once: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const config = readConfig();
  if (config === undefined) {
    if (values.check) {
      console.log('FAIL Settings: see the lines above');
    }
    return EXIT_CONFIG;
  }

  const logger = createLogger(config.logLevel);
  try {
    if (values.check) {
      return await checkCommand(config, createLogger('silent'));
    }
    if (values.once) {
      return await runOnceCommand(config, logger);
    }
    await serve(config, logger);
    return undefined;
  } catch (error) {
    logger.fatal({ err: error instanceof Error ? error.message : String(error) }, 'wifi-incidents failed to start');
    return 1;
  }
}

main().then(
  (code) => {
    if (code !== undefined) {
      process.exitCode = code;
    }
  },
  (error: unknown) => {
    console.error(`wifi-incidents: ${error instanceof Error ? error.message : String(error)}`);
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      console.error(USAGE);
      process.exitCode = EXIT_CONFIG;
      return;
    }
    process.exitCode = 1;
  },
);
