/**
 * Sends signed `/wifi-incidents 24h` commands into the bot's HTTP receiver on loopback, against the
 * fake 7SIGNAL API with a fixed latency, and measures two times per command:
 * - acknowledgement: from sending the request until Bolt's HTTP response (the `ack()`) arrives;
 * - full answer: from sending the request until the reply reaches the response_url server.
 *
 * The bot, both fakes, the response_url server and the load generator share one Node process.
 *
 * Run alone: `npx tsx test/bench/slash-command.ts [--commands N] [--concurrency N] [--latency MS]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { startBot } from '../../src/bot.ts';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/log/logger.ts';
import { makeAgentIncident, SAMPLE_LOCATIONS, startFakeSevenSignal } from '../../src/simulator/sevensignal/index.ts';
import { startFakeSlack } from '../../src/simulator/slack/index.ts';
import { postSlashCommand } from '../support/slack-requests.ts';
import { describeMachine, percentile } from './machine.ts';

const SIGNING_SECRET = 'bench-signing-secret';
const MINUTE = 60_000;

export interface SlashCommandBenchOptions {
  /** Measured commands. */
  commands?: number;
  /** Commands in flight at once. */
  concurrency?: number;
  /** Delay of every fake 7SIGNAL response, in ms. */
  latencyMs?: number;
  /** Incidents in the 24-hour window. The reply lists 25 and counts the rest. */
  incidents?: number;
  /** Unmeasured commands sent first, so that JIT compilation and the token exchange are done. */
  warmup?: number;
}

export interface SlashCommandFigures {
  commands: number;
  concurrency: number;
  apiLatencyMs: number;
  incidents: number;
  ackMs: { p50: number; p99: number; max: number };
  answerMs: { p50: number; p99: number; max: number };
  /** Commands whose acknowledgement was not HTTP 200 or whose reply was not the expected result. */
  failures: number;
  commandsPerSecond: number;
}

/** A response_url server that records when each path received its POST. */
interface ReplyRecorder {
  url: string;
  /** Resolves with the `performance.now()` arrival time and the reply body of `path`. */
  wait(path: string): Promise<{ at: number; body: { text?: string } }>;
  close(): Promise<void>;
}

async function startReplyRecorder(): Promise<ReplyRecorder> {
  const arrived = new Map<string, { at: number; body: { text?: string } }>();
  const waiting = new Map<string, (reply: { at: number; body: { text?: string } }) => void>();

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const reply = { at: performance.now(), body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as { text?: string } };
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('ok');

      const path = request.url ?? '/';
      const resolve = waiting.get(path);
      if (resolve === undefined) {
        arrived.set(path, reply);
      } else {
        waiting.delete(path);
        resolve(reply);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    wait(path) {
      const reply = arrived.get(path);
      if (reply !== undefined) {
        arrived.delete(path);
        return Promise.resolve(reply);
      }
      return new Promise((resolve) => waiting.set(path, resolve));
    },
    close() {
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

function summarize(samples: number[]): { p50: number; p99: number; max: number } {
  const round = (value: number) => Math.round(value * 10) / 10;
  return { p50: round(percentile(samples, 0.5)), p99: round(percentile(samples, 0.99)), max: round(Math.max(...samples)) };
}

/** Runs the benchmark and returns its figures. Throws when the bot cannot start. */
export async function benchSlashCommand(options: SlashCommandBenchOptions = {}): Promise<SlashCommandFigures> {
  const commands = options.commands ?? 1000;
  const concurrency = options.concurrency ?? 10;
  const latencyMs = options.latencyMs ?? 50;
  const incidentCount = options.incidents ?? 60;
  const warmup = options.warmup ?? 50;

  const folder = mkdtempSync(join(tmpdir(), 'wifi-bench-command-'));
  const sevenSignal = await startFakeSevenSignal({ clientId: 'bench', clientSecret: 'bench-secret' });
  const slack = await startFakeSlack({ botToken: 'xoxb-bench' });
  const replies = await startReplyRecorder();

  // Each incident started at least 20 minutes ago, so it has qualified and is listed.
  for (let index = 0; index < incidentCount; index += 1) {
    const location = SAMPLE_LOCATIONS[index % SAMPLE_LOCATIONS.length]!;
    const start = Date.now() - (20 + index * 10) * MINUTE;
    sevenSignal.addAgentIncident(
      makeAgentIncident({ startTimestamp: new Date(start).toISOString(), location: location.id, locationName: location.name }),
    );
  }

  const config = loadConfig({
    SEVENSIGNAL_API_URL: sevenSignal.url,
    SEVENSIGNAL_CLIENT_ID: 'bench',
    SEVENSIGNAL_CLIENT_SECRET: 'bench-secret',
    SLACK_API_URL: slack.url,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_CHANNEL: 'C0BENCH',
    DATABASE_PATH: join(folder, 'bench.db'),
    // A schedule that does not fire during the run.
    POLL_SCHEDULE: '0 0 1 1 *',
    POLL_ALERT_INCIDENTS: 'false',
    PORT: '0',
  });
  const bot = await startBot({ config, logger: createLogger('silent'), host: '127.0.0.1', slackRetries: 0 });
  await bot.poller.runCycle();
  sevenSignal.setLatency(latencyMs);
  const eventsUrl = `http://127.0.0.1:${bot.port}/slack/events`;

  const expectedText = `${incidentCount} incidents in the last 24 hours`;
  const ackMs: number[] = [];
  const answerMs: number[] = [];
  let failures = 0;
  let sent = 0;

  const runOne = async (index: number, measured: boolean): Promise<void> => {
    const path = `/reply/${measured ? 'm' : 'w'}${index}`;
    const started = performance.now();
    const ack = await postSlashCommand(eventsUrl, SIGNING_SECRET, { command: '/wifi-incidents', text: '24h', response_url: `${replies.url}${path}` });
    const reply = await replies.wait(path);

    const ok = ack.status === 200 && reply.body.text?.startsWith(expectedText) === true;
    if (!measured) {
      return;
    }
    if (!ok) {
      failures += 1;
    }
    ackMs.push(ack.elapsedMs);
    answerMs.push(reply.at - started);
  };

  const runAll = async (count: number, measured: boolean): Promise<void> => {
    sent = 0;
    const worker = async (): Promise<void> => {
      while (sent < count) {
        const index = sent;
        sent += 1;
        await runOne(index, measured);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  };

  try {
    await runAll(warmup, false);

    const runStarted = performance.now();
    await runAll(commands, true);
    const runSeconds = (performance.now() - runStarted) / 1000;

    return {
      commands,
      concurrency,
      apiLatencyMs: latencyMs,
      incidents: incidentCount,
      ackMs: summarize(ackMs),
      answerMs: summarize(answerMs),
      failures,
      commandsPerSecond: Math.round(commands / runSeconds),
    };
  } finally {
    await bot.stop();
    await Promise.all([replies.close(), sevenSignal.close(), slack.close()]);
    rmSync(folder, { recursive: true, force: true });
  }
}

function readOption(name: string): number | undefined {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) {
    return undefined;
  }
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`Invalid --${name} ${process.argv[index + 1]}: expected a whole number of at least 0.`);
  }
  return value;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await benchSlashCommand({
    commands: readOption('commands'),
    concurrency: readOption('concurrency'),
    latencyMs: readOption('latency'),
  });
  console.log(JSON.stringify({ machine: describeMachine() }));
  console.log(JSON.stringify({ benchmark: 'slash-command', ...figures }));
  console.log(
    `acknowledgement p50 ${figures.ackMs.p50} ms, p99 ${figures.ackMs.p99} ms; ` +
      `full answer p50 ${figures.answerMs.p50} ms, p99 ${figures.answerMs.p99} ms; failures ${figures.failures}`,
  );
}
