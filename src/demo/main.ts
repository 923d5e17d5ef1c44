/**
 * `npm run demo`: the whole bot on one machine, without 7SIGNAL or Slack accounts. Prints the
 * address of the Slack stand-in page and one line per event; Ctrl-C stops everything.
 */
import { rmSync } from 'node:fs';
import { ScenarioError } from '../simulator/scenario/index.ts';
import { parseDemoArguments, USAGE } from './demo-arguments.ts';
import { createDemoLogger, sourceLogger } from './demo-log.ts';
import { startDemo, type RunningDemo } from './start-demo.ts';

/** Exit codes: 2 for a wrong command line or scenario, 1 for any other failure to start. */
const EXIT_USAGE = 2;
const EXIT_FAILURE = 1;

function describeStartFailure(error: unknown, port: number): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'EADDRINUSE') {
    return `Port ${port} on 127.0.0.1 is in use: pass --port with another number, or --port 0 for any free port.`;
  }
  return `The demo failed to start: ${error instanceof Error ? error.message : String(error)}`;
}

async function main(): Promise<number | undefined> {
  const parsed = parseDemoArguments(process.argv.slice(2));
  if (parsed.kind === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (parsed.kind === 'invalid') {
    console.error(`wifi-incidents demo: ${parsed.problem}\n\n${USAGE}`);
    return EXIT_USAGE;
  }

  const logger = createDemoLogger();
  const log = sourceLogger(logger, 'demo');
  let demo: RunningDemo;
  try {
    demo = await startDemo({ scenarioFile: parsed.scenarioFile, pagePort: parsed.pagePort, botLogLevel: parsed.botLogLevel, logger });
  } catch (error) {
    if (error instanceof ScenarioError) {
      console.error(`wifi-incidents demo: ${error.message}`);
      return EXIT_USAGE;
    }
    log.fatal(describeStartFailure(error, parsed.pagePort));
    return EXIT_FAILURE;
  }

  // An uncaught error exits without stop(), so the temporary folder is also removed on exit.
  // NOTE: a SIGKILL skips this handler too and leaves the folder in the system's temporary folder.
  process.once('exit', () => rmSync(demo.folder, { recursive: true, force: true }));
  log.info(`Open the Slack stand-in at ${demo.pageUrl} (press Ctrl-C to stop the demo)`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log.warn(`Received ${signal} again; exiting without waiting`);
      process.exit(EXIT_FAILURE);
    }
    stopping = true;
    log.info(`Received ${signal}; stopping the demo`);
    void demo.stop().then(() => {
      log.info(`Stopped; removed ${demo.folder}`);
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return undefined;
}

main().then(
  (code) => {
    if (code !== undefined) {
      process.exitCode = code;
    }
  },
  (error: unknown) => {
    console.error('wifi-incidents demo failed unexpectedly:', error);
    process.exitCode = EXIT_FAILURE;
  },
);
