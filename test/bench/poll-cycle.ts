/**
 * Measures one poll cycle that lists 10,000 agent incidents against a seen-set of 1,000,000 rows,
 * with the fake 7SIGNAL API and the fake Slack Web API on loopback.
 *
 * Reported: the diff and bookkeeping time (comparing the listing with the seen-set, writing the
 * outcomes and recording the posts, without network), the whole cycle, and the peak RSS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/log/logger.ts';
import { runPollCycle, type PollerDependencies } from '../../src/poller/poll-cycle.ts';
import { createRoutingDependencies } from '../../src/routing/routing-dependencies.ts';
import { createSevenSignalClient } from '../../src/sevensignal/client.ts';
import { listAgentIncidents } from '../../src/sevensignal/agent-incidents.ts';
import { createSlackWebClient } from '../../src/slack/web-client.ts';
import { makeAgentIncident, startFakeSevenSignal } from '../../src/simulator/sevensignal/index.ts';
import { startFakeSlack } from '../../src/simulator/slack/index.ts';
import { openDatabase } from '../../src/store/database.ts';
import { IncidentStore } from '../../src/store/incident-store.ts';
import { PollCursors } from '../../src/store/poll-cursors.ts';
import { AcknowledgementStore } from '../../src/store/acknowledgements.ts';
import { IncidentLifecycleStore } from '../../src/store/incident-lifecycle.ts';
import { IncidentMessages } from '../../src/poller/incident-messages.ts';
import { observeAgentIncident } from '../../src/poller/incident-observation.ts';
import { peakRssMiB } from './machine.ts';
import { seedSeenSet, seenId } from './seen-set-seed.ts';

const SEEN_ROWS = 1_000_000;
const LISTED = 10_000;
const NEW_PER_CYCLE = 100;

export interface PollCycleFigures {
  seenRows: number;
  listed: number;
  newPerCycle: number;
  seedSeconds: number;
  /** Diff and bookkeeping per cycle in ms: first cycle (payloads changed), then steady cycles. */
  bookkeepingMs: number[];
  cycleMs: number[];
  peakRssMiB: number;
}

/** The real lifecycle store, timing the queries the update stage of a cycle makes. */
class TimedLifecycle extends IncidentLifecycleStore {
  elapsedMs = 0;

  override unannounced(...args: Parameters<IncidentLifecycleStore['unannounced']>): ReturnType<IncidentLifecycleStore['unannounced']> {
    const started = performance.now();
    const records = super.unannounced(...args);
    this.elapsedMs += performance.now() - started;
    return records;
  }

  override outdated(...args: Parameters<IncidentLifecycleStore['outdated']>): ReturnType<IncidentLifecycleStore['outdated']> {
    const started = performance.now();
    const records = super.outdated(...args);
    this.elapsedMs += performance.now() - started;
    return records;
  }
}

/** The real seen-set, timing the calls the poll cycle makes into it. */
class TimedStore extends IncidentStore {
  elapsedMs = 0;

  override observe(...args: Parameters<IncidentStore['observe']>): ReturnType<IncidentStore['observe']> {
    const started = performance.now();
    const outcomes = super.observe(...args);
    this.elapsedMs += performance.now() - started;
    return outcomes;
  }

  override pending(...args: Parameters<IncidentStore['pending']>): ReturnType<IncidentStore['pending']> {
    const started = performance.now();
    const records = super.pending(...args);
    this.elapsedMs += performance.now() - started;
    return records;
  }

  override markPosted(...args: Parameters<IncidentStore['markPosted']>): void {
    const started = performance.now();
    super.markPosted(...args);
    this.elapsedMs += performance.now() - started;
  }
}

export async function benchPollCycle(): Promise<PollCycleFigures> {
  const folder = mkdtempSync(join(tmpdir(), 'wifi-bench-'));
  const databasePath = join(folder, 'bench.db');
  const now = Date.now();
  const logger = createLogger('silent');

  const seedStarted = performance.now();
  seedSeenSet(databasePath, SEEN_ROWS, now);
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const sevenSignal = await startFakeSevenSignal({ clientId: 'bench', clientSecret: 'bench-secret' });
  const slack = await startFakeSlack({ botToken: 'xoxb-bench' });
  const config = loadConfig({
    SEVENSIGNAL_API_URL: sevenSignal.url,
    SEVENSIGNAL_CLIENT_ID: 'bench',
    SEVENSIGNAL_CLIENT_SECRET: 'bench-secret',
    SLACK_API_URL: slack.url,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: 'bench',
    SLACK_CHANNEL: 'C0BENCH',
  });

  const start = new Date(now - 60 * 60_000).toISOString();
  for (let i = 0; i < LISTED - NEW_PER_CYCLE; i += 1) {
    // Spread the listed ones over the whole seen-set, as real lookups would be.
    sevenSignal.addAgentIncident(makeAgentIncident({ id: seenId(i * Math.floor(SEEN_ROWS / LISTED)), startTimestamp: start }));
  }

  const db = openDatabase(databasePath);
  const store = new TimedStore(db);
  const lifecycle = new TimedLifecycle(db);
  const slackClient = createSlackWebClient({ botToken: config.slack.botToken, apiUrl: config.slack.apiUrl, logger, retries: 0 });
  const messages = new IncidentMessages({ slack: slackClient, store, lifecycle, acknowledgements: new AcknowledgementStore(db), logger });
  const client = createSevenSignalClient({ ...config.sevenSignal, baseUrl: config.sevenSignal.apiUrl, logger });
  const deps: PollerDependencies = {
    api: client.api,
    store,
    cursors: new PollCursors(db),
    slack: slackClient,
    messages,
    channel: config.slack.channel,
    // No routes, and no digest, so that each new incident is posted on its own as before routing.
    routing: createRoutingDependencies(db, { routes: [], defaultChannel: config.slack.channel, digestThreshold: Number.MAX_SAFE_INTEGER }),
    organizations: [],
    lookbackMs: config.poll.lookbackMs,
    firstRun: 'post',
    logger,
  };
  deps.cursors.set('agent:', now - 60_000, now);

  const bookkeepingMs: number[] = [];
  const cycleMs: number[] = [];

  let previousNew: string[] = [];
  for (let cycle = 0; cycle < 4; cycle += 1) {
    // Each cycle lists exactly LISTED incidents: the seen ones and NEW_PER_CYCLE new ones.
    for (const id of previousNew) {
      sevenSignal.removeAgentIncident(id);
    }
    previousNew = [];
    for (let i = 0; i < NEW_PER_CYCLE; i += 1) {
      const incident = makeAgentIncident({ startTimestamp: start });
      sevenSignal.addAgentIncident(incident);
      previousNew.push(incident.id!);
    }

    store.elapsedMs = 0;
    lifecycle.elapsedMs = 0;
    const cycleStarted = performance.now();
    const result = await runPollCycle(deps, Date.now());
    cycleMs.push(performance.now() - cycleStarted);
    if (!result.ok || result.posted !== NEW_PER_CYCLE || result.listed !== LISTED) {
      throw new Error(`cycle ${cycle} went wrong: ${JSON.stringify(result)}`);
    }

    // Before the diff the cycle serializes and fingerprints each listed incident; time that on the same listing.
    const listing = await listAgentIncidents(client.api, { from: now - 3_600_000, to: Date.now() });
    const observeStarted = performance.now();
    const observeNow = Date.now();
    listing.map((incident) => observeAgentIncident(incident, observeNow));
    bookkeepingMs.push(store.elapsedMs + lifecycle.elapsedMs + performance.now() - observeStarted);
  }

  db.close();
  await Promise.all([sevenSignal.close(), slack.close()]);
  rmSync(folder, { recursive: true, force: true });

  return { seenRows: SEEN_ROWS, listed: LISTED, newPerCycle: NEW_PER_CYCLE, seedSeconds, bookkeepingMs, cycleMs, peakRssMiB: peakRssMiB() };
}
