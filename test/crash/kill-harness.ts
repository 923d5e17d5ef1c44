import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { makeAgentIncident, startFakeSevenSignal, type FakeSevenSignal } from '../../src/simulator/sevensignal/index.ts';
import { startFakeSlack, type FakeSlack } from '../../src/simulator/slack/index.ts';
import { PROJECT_ROOT } from '../support/run-cli.ts';
import { seededRandom } from '../support/seeded-random.ts';

export interface KillRunOptions {
  kills: number;
  seed: number;
  databasePath: string;
  folder: string;
}

export interface KillRunReport {
  kills: number;
  incidents: number;
  recovered: number;
  /** Incident ids with other than one top-level message. */
  postCounts: Map<string, number>;
  /** Recovery replies per recovered incident. */
  replyCounts: Map<string, number>;
  /** Recovered incidents that were posted before they recovered, so their recovery needs a reply. */
  postedBeforeRecovery: Set<string>;
  /** Recovered incidents whose message does not show the recovery. */
  notShownRecovered: string[];
  integrity: string;
}

const CHANNEL = 'C0CRASH';

function botEnv(sevenSignal: FakeSevenSignal, slack: FakeSlack, databasePath: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    SEVENSIGNAL_API_URL: sevenSignal.url,
    SEVENSIGNAL_CLIENT_ID: 'crash',
    SEVENSIGNAL_CLIENT_SECRET: 'crash-secret',
    SLACK_API_URL: slack.url,
    SLACK_BOT_TOKEN: 'xoxb-crash',
    SLACK_SIGNING_SECRET: 'crash-signing',
    SLACK_CHANNEL: CHANNEL,
    // The fake Slack has no rate limit, so posts are not spaced.
    SLACK_POST_INTERVAL: '0ms',
    DATABASE_PATH: databasePath,
    FIRST_RUN: 'post',
    POLL_SCHEDULE: '* * * * * *',
    POLL_ALERT_INCIDENTS: 'false',
    PORT: '0',
    LOG_LEVEL: 'warn',
  };
}

function startBot(env: Record<string, string>, folder: string): ChildProcess {
  // node with the tsx loader, so that the pid that gets SIGKILL is the bot's own process.
  return spawn(process.execPath, ['--import', import.meta.resolve('tsx'), resolve(PROJECT_ROOT, 'src/main.ts')], {
    cwd: folder,
    env,
    stdio: 'ignore',
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      done();
      return;
    }
    child.once('exit', () => done());
  });
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Runs the bot as a separate process against the fakes, kills it with SIGKILL `kills` times at
 * random moments while incidents appear and recover, then lets a last process finish the work and
 * reports how often each incident was posted and each recovery announced.
 */
export async function runKillHarness(options: KillRunOptions): Promise<KillRunReport> {
  const random = seededRandom(options.seed);
  const sevenSignal = await startFakeSevenSignal({ clientId: 'crash', clientSecret: 'crash-secret' });
  // Slack responds slowly, so that kills land inside posts, updates and replies.
  const slack = await startFakeSlack({ botToken: 'xoxb-crash', latencyMs: 25 });
  const env = botEnv(sevenSignal, slack, options.databasePath);
  const open: string[] = [];
  const recovered: string[] = [];
  const recoveredAt = new Map<string, number>();
  const all: string[] = [];

  const addIncidents = (count: number) => {
    for (let i = 0; i < count; i += 1) {
      const incident = makeAgentIncident({ startTimestamp: new Date(Date.now() - 20 * 60_000).toISOString() });
      sevenSignal.addAgentIncident(incident);
      open.push(incident.id!);
      all.push(incident.id!);
    }
  };
  const recoverOne = () => {
    const id = open.splice(Math.floor(random() * open.length), 1)[0];
    if (id !== undefined) {
      sevenSignal.updateAgentIncident(id, { endTimestamp: new Date(Date.now() - 1000).toISOString() });
      recovered.push(id);
      recoveredAt.set(id, Date.now());
    }
  };

  try {
    addIncidents(3);
    for (let kill = 0; kill < options.kills; kill += 1) {
      const requestsBefore = sevenSignal.requests.length;
      const bot = startBot(env, options.folder);
      // The random lifetime starts once the bot polls, so a slow start on a loaded machine still
      // leaves it time to post before the kill.
      const startDeadline = Date.now() + 20_000;
      while (sevenSignal.requests.length === requestsBefore && Date.now() < startDeadline) {
        await sleep(20);
      }
      const lifetimeMs = 600 + Math.floor(random() * 1800);
      const started = Date.now();
      while (Date.now() - started < lifetimeMs) {
        await sleep(100 + Math.floor(random() * 300));
        if (random() < 0.5) addIncidents(1 + Math.floor(random() * 3));
        if (random() < 0.4) recoverOne();
      }
      bot.kill('SIGKILL');
      await exited(bot);
    }

    // A last process finishes what the killed ones left, then stops cleanly.
    const last = startBot(env, options.folder);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && !allDone(slack, all, recovered)) {
      await sleep(250);
    }
    last.kill('SIGTERM');
    await exited(last);

    const db = new BetterSqlite3(options.databasePath, { readonly: true });
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    db.close();

    return {
      kills: options.kills,
      incidents: all.length,
      recovered: recovered.length,
      postCounts: countPosts(slack, all),
      replyCounts: countReplies(slack, recovered),
      postedBeforeRecovery: postedBefore(slack, recoveredAt),
      notShownRecovered: recovered.filter((id) => !showsRecovered(slack, id)),
      integrity,
    };
  } finally {
    await Promise.all([sevenSignal.close(), slack.close()]);
  }
}

function countPosts(slack: FakeSlack, ids: string[]): Map<string, number> {
  const counts = new Map(ids.map((id) => [id, 0]));
  for (const message of slack.messages(CHANNEL)) {
    const payload = message.metadata?.event_payload;
    // An incident message is top-level, or a reply in a digest thread when many incidents came at once.
    if (message.metadata?.event_type === 'wifi_incident' && typeof payload?.id === 'string') {
      counts.set(payload.id, (counts.get(payload.id) ?? 0) + 1);
    }
  }
  return counts;
}

function countReplies(slack: FakeSlack, ids: string[]): Map<string, number> {
  const counts = new Map(ids.map((id) => [id, 0]));
  for (const message of slack.messages(CHANNEL)) {
    const payload = message.metadata?.event_payload;
    if (message.metadata?.event_type === 'wifi_incident_state' && typeof payload?.id === 'string') {
      counts.set(payload.id, (counts.get(payload.id) ?? 0) + 1);
    }
  }
  return counts;
}

/** Incidents whose first confirmed post came before they recovered. */
function postedBefore(slack: FakeSlack, recoveredAt: Map<string, number>): Set<string> {
  const ids = new Set<string>();
  for (const call of slack.callsTo('chat.postMessage')) {
    const metadata = call.args.metadata as { event_type?: string; event_payload?: { id?: string } } | undefined;
    const id = metadata?.event_payload?.id;
    const recovery = id === undefined ? undefined : recoveredAt.get(id);
    if (call.response.ok === true && metadata?.event_type === 'wifi_incident' && recovery !== undefined && call.at < recovery) {
      ids.add(id!);
    }
  }
  return ids;
}

function showsRecovered(slack: FakeSlack, id: string): boolean {
  return slack
    .messages(CHANNEL)
    .some(
      (message) =>
        message.metadata?.event_type === 'wifi_incident' && message.metadata.event_payload.id === id && JSON.stringify(message.blocks).includes('Recovered'),
    );
}

function allDone(slack: FakeSlack, all: string[], recovered: string[]): boolean {
  const posts = countPosts(slack, all);
  return [...posts.values()].every((count) => count >= 1) && recovered.every((id) => showsRecovered(slack, id));
}
