import { afterEach, describe, expect, it } from 'vitest';
import { makeAgentIncident, makeAlertIncident, SAMPLE_LOCATIONS } from '../../../src/simulator/sevensignal/index.ts';
import { validateBlocks } from '../../../src/simulator/slack/block-validation.ts';
import type { AgentIncident } from '../../../src/sevensignal/types.ts';
import { POST_TO_CHANNEL_ACTION_ID } from '../../../src/slack/commands/shared-query.ts';
import { replyText, startCommandBot, type CommandBot } from './command-bot.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const FLOOR_2 = SAMPLE_LOCATIONS[0]!;
const LOBBY = SAMPLE_LOCATIONS[2]!;

let running: CommandBot | undefined;

afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(settings: Record<string, string> = {}, prepare?: Parameters<typeof startCommandBot>[1]): Promise<CommandBot> {
  running = await startCommandBot(settings, prepare);
  return running;
}

/** Builds an incident at `location` that started `startedAgo` before `now` and, when given, ended `endedAgo` before it. */
function incidentAt(now: number, location: { id: string; name: string }, startedAgo: number, endedAgo?: number, overrides: Partial<AgentIncident> = {}): AgentIncident {
  return makeAgentIncident({
    startTimestamp: new Date(now - startedAgo).toISOString(),
    ...(endedAgo === undefined ? {} : { endTimestamp: new Date(now - endedAgo).toISOString() }),
    location: location.id,
    locationName: location.name,
    ...overrides,
  });
}

function agentListings(bot: CommandBot, afterIndex: number) {
  return bot.harness.sevenSignal.requests.slice(afterIndex).filter((request) => request.path === '/incidents/agents');
}

describe('/wifi-incidents through the receiver', () => {
  it('24h lists the window', async () => {
    const bot = await start({}, (harness) => {
      const now = harness.clock.value;
      harness.sevenSignal.addAgentIncident(incidentAt(now, FLOOR_2, 2 * HOUR));
      harness.sevenSignal.addAgentIncident(incidentAt(now, LOBBY, 3 * HOUR));
      harness.sevenSignal.addAgentIncident(incidentAt(now, FLOOR_2, 5 * HOUR, 4 * HOUR));
      harness.sevenSignal.addAgentIncident(incidentAt(now, FLOOR_2, 3 * DAY, 2 * DAY));
    });

    const sent = await bot.command('24h');
    const reply = await bot.reply(sent.responsePath);

    expect(sent.status).toBe(200);
    expect(sent.body).toBe('');
    expect(reply.body.response_type).toBe('ephemeral');
    expect(reply.body.text).toBe('3 incidents in the last 24 hours, 2 still active');
    expect(validateBlocks(reply.body.blocks)).toBeUndefined();
    expect(replyText(reply)).toContain('• Main Campus - Floor 2: 2 (1 active)');
    expect(replyText(reply)).toContain('• North Clinic - Lobby: 1 (1 active)');
    expect(replyText(reply)).toContain(POST_TO_CHANNEL_ACTION_ID);
  });

  it('lists incidents newest first', async () => {
    const bot = await start({}, (harness) => {
      const now = harness.clock.value;
      harness.sevenSignal.addAgentIncident(incidentAt(now, FLOOR_2, 5 * HOUR, undefined, { type: 'OLDEST' }));
      harness.sevenSignal.addAgentIncident(incidentAt(now, FLOOR_2, 1 * HOUR, undefined, { type: 'NEWEST' }));
      harness.sevenSignal.addAgentIncident(incidentAt(now, FLOOR_2, 3 * HOUR, undefined, { type: 'MIDDLE' }));
    });

    const sent = await bot.command('');
    const text = replyText(await bot.reply(sent.responsePath));

    expect(text.indexOf('*NEWEST*')).toBeLessThan(text.indexOf('*MIDDLE*'));
    expect(text.indexOf('*MIDDLE*')).toBeLessThan(text.indexOf('*OLDEST*'));
  });

  it('7d filters location name and band', async () => {
    const bot = await start({}, (harness) => {
      const now = harness.clock.value;
      harness.sevenSignal.addAgentIncident(incidentAt(now, FLOOR_2, 2 * DAY, undefined, { band: 5, type: 'MATCH' }));
      harness.sevenSignal.addAgentIncident(incidentAt(now, FLOOR_2, 3 * DAY, undefined, { band: 2.4, type: 'OTHER_BAND' }));
      harness.sevenSignal.addAgentIncident(incidentAt(now, LOBBY, 1 * DAY, undefined, { band: 5, type: 'OTHER_LOCATION' }));
      harness.sevenSignal.addAgentIncident(incidentAt(now, FLOOR_2, 8 * DAY, 7.5 * DAY, { band: 5, type: 'TOO_OLD' }));
    });
    const before = bot.harness.sevenSignal.requests.length;

    const sent = await bot.command('7d location:"Main Campus - Floor 2" band:5');
    const reply = await bot.reply(sent.responsePath);
    const text = replyText(reply);

    expect(reply.body.text).toBe('1 incident in the last 7 days, 1 still active (location "Main Campus - Floor 2", band 5 GHz)');
    expect(text).toContain('*MATCH*');
    expect(text).not.toContain('OTHER_BAND');
    expect(text).not.toContain('OTHER_LOCATION');
    expect(text).not.toContain('TOO_OLD');

    const [listing] = agentListings(bot, before);
    expect(listing?.query.location_id).toBeUndefined();
    expect(Number(listing?.query.to) - Number(listing?.query.from)).toBe(7 * DAY);
  });

  it('location uuid goes to the api', async () => {
    const bot = await start({}, (harness) => {
      const now = harness.clock.value;
      harness.sevenSignal.addAgentIncident(incidentAt(now, FLOOR_2, HOUR));
      harness.sevenSignal.addAgentIncident(incidentAt(now, LOBBY, HOUR));
    });
    const before = bot.harness.sevenSignal.requests.length;

    const sent = await bot.command(`location:${LOBBY.id.toUpperCase()}`);
    const reply = await bot.reply(sent.responsePath);

    expect(agentListings(bot, before)[0]?.query.location_id).toBe(LOBBY.id);
    expect(reply.body.text).toBe(`1 incident in the last 24 hours, 1 still active (location id ${LOBBY.id})`);
  });

  it('45d makes two calls and lists once', async () => {
    let spanning: AgentIncident | undefined;
    const bot = await start({}, (harness) => {
      const now = harness.clock.value;
      // Runs across the split point 15 days ago, so both listings return it.
      spanning = incidentAt(now, FLOOR_2, 20 * DAY, undefined, { type: 'SPANNING' });
      harness.sevenSignal.addAgentIncident(spanning);
      harness.sevenSignal.addAgentIncident(incidentAt(now, FLOOR_2, 40 * DAY, undefined, { type: 'EARLY' }));
      harness.sevenSignal.addAgentIncident(incidentAt(now, FLOOR_2, 2 * DAY, undefined, { type: 'LATE' }));
      harness.sevenSignal.addAgentIncident(incidentAt(now, FLOOR_2, 30 * DAY, 29 * DAY, { type: 'ENDED' }));
    });
    const now = bot.harness.clock.value;
    const before = bot.harness.sevenSignal.requests.length;

    const sent = await bot.command('45d active');
    const reply = await bot.reply(sent.responsePath);
    const text = replyText(reply);

    const listings = agentListings(bot, before);
    expect(listings.map((request) => [Number(request.query.from), Number(request.query.to)])).toEqual([
      [now - 45 * DAY, now - 15 * DAY],
      [now - 15 * DAY, now],
    ]);
    expect(listings.map((request) => request.status)).toEqual([200, 200]);

    expect(reply.body.text).toBe('3 incidents in the last 45 days, 3 still active (active only)');
    expect(text.split('*SPANNING*')).toHaveLength(2);
    expect(text).toContain('*EARLY*');
    expect(text).toContain('*LATE*');
    expect(text).not.toContain('*ENDED*');
  });

  it('3x names the token', async () => {
    const bot = await start();
    const before = bot.harness.sevenSignal.requests.length;

    const sent = await bot.command('3x');
    const reply = await bot.reply(sent.responsePath);
    const text = replyText(reply);

    expect(reply.body.response_type).toBe('ephemeral');
    expect(text).toContain('`3x`: \\"x\\" is not a window unit');
    expect(text).toContain('*Usage:*');
    expect(validateBlocks(reply.body.blocks)).toBeUndefined();
    expect(bot.harness.sevenSignal.requests.length).toBe(before);
  });

  it('help shows the usage', async () => {
    const bot = await start();

    const sent = await bot.command('help');
    const reply = await bot.reply(sent.responsePath);

    expect(reply.body.text).toBe('Usage: /wifi-incidents [WINDOW] [FILTER ...]');
    expect(replyText(reply)).toContain('location:NAME');
  });

  it('empty result names window and filters', async () => {
    const bot = await start({}, (harness) => {
      harness.sevenSignal.addAgentIncident(incidentAt(harness.clock.value, LOBBY, HOUR));
    });

    const sent = await bot.command('2h location:"Main Campus" network:CorpWiFi');
    const reply = await bot.reply(sent.responsePath);

    expect(reply.body.text).toBe('No incidents in the last 2 hours matching location "Main Campus", network "CorpWiFi".');
    expect(replyText(reply)).toContain('Locations with incidents in this window: North Clinic - Lobby.');
  });

  it('alerts lists alert-rule incidents', async () => {
    const bot = await start({}, (harness) => {
      const now = harness.clock.value;
      harness.sevenSignal.addAlertIncident(makeAlertIncident({ startedAt: now - 2 * HOUR, dimensionKey: 'CorpWiFi|5' }));
      // Started before the window and still active: it overlaps the window.
      harness.sevenSignal.addAlertIncident(makeAlertIncident({ startedAt: now - 3 * DAY, dimensionKey: 'CorpWiFi|5' }));
      harness.sevenSignal.addAlertIncident(makeAlertIncident({ startedAt: now - 5 * HOUR, resolvedAt: now - 4 * HOUR, resolutionReason: 'cleared', dimensionKey: 'CorpWiFi|5' }));
      harness.sevenSignal.addAlertIncident(makeAlertIncident({ startedAt: now - 3 * DAY, resolvedAt: now - 2 * DAY, resolutionReason: 'cleared' }));
      harness.sevenSignal.addAlertIncident(makeAlertIncident({ startedAt: now - HOUR, dimensionKey: 'CorpGuest|2.4' }));
    });
    const before = bot.harness.sevenSignal.requests.length;

    const sent = await bot.command('alerts network:CorpWiFi');
    const reply = await bot.reply(sent.responsePath);

    expect(reply.body.text).toBe('3 alert-rule incidents in the last 24 hours, 2 still active (network "CorpWiFi")');
    expect(validateBlocks(reply.body.blocks)).toBeUndefined();
    const listings = bot.harness.sevenSignal.requests.slice(before).filter((request) => request.path === '/alerting/incidents');
    expect(listings.map((request) => request.query.status).sort()).toEqual(['active', 'resolved']);
  });

  it('stays within limits with 500 incidents', async () => {
    const bot = await start({}, (harness) => {
      // Started at least 20 minutes ago, so every one has qualified (15 minutes after its start) and is listed.
      for (let index = 0; index < 500; index += 1) {
        harness.sevenSignal.addAgentIncident(incidentAt(harness.clock.value, SAMPLE_LOCATIONS[index % 5]!, (index + 20) * MINUTE));
      }
    });

    const sent = await bot.command('24h');
    const reply = await bot.reply(sent.responsePath);

    expect(reply.body.text).toBe('500 incidents in the last 24 hours, 500 still active');
    expect(validateBlocks(reply.body.blocks)).toBeUndefined();
    expect(reply.body.blocks.length).toBeLessThanOrEqual(50);
    expect(replyText(reply)).toContain('…and 475 more; narrow it with location: or a shorter window.');
  });

  it('lists every configured organization', async () => {
    const bot = await start({ SEVENSIGNAL_ORGANIZATION: 'north,south' }, (harness) => {
      const now = harness.clock.value;
      harness.sevenSignal.addAgentIncident(incidentAt(now, FLOOR_2, HOUR, undefined, { type: 'NORTH' }), { organization: 'north' });
      harness.sevenSignal.addAgentIncident(incidentAt(now, LOBBY, HOUR, undefined, { type: 'SOUTH' }), { organization: 'south' });
      harness.sevenSignal.addAgentIncident(incidentAt(now, LOBBY, HOUR, undefined, { type: 'OTHER' }), { organization: 'west' });
    });
    const before = bot.harness.sevenSignal.requests.length;

    const sent = await bot.command('24h');
    const reply = await bot.reply(sent.responsePath);
    const text = replyText(reply);

    expect(agentListings(bot, before).map((request) => request.query.organization).sort()).toEqual(['north', 'south']);
    expect(reply.body.text).toBe('2 incidents in the last 24 hours, 2 still active');
    expect(text).toContain('*NORTH*');
    expect(text).toContain('*SOUTH*');
    expect(text).not.toContain('*OTHER*');
  });

  it('uses the poller token', async () => {
    const bot = await start();

    const sent = await bot.command('24h');
    await bot.reply(sent.responsePath);

    expect(bot.harness.sevenSignal.tokensIssued).toBe(1);
  });
});

// The transport may retry rate-limited, failed and timed-out calls, so each failure below is
// queued for more requests than it makes and the waits allow for the retries.
const FAILURES = 10;

describe('/wifi-incidents when 7SIGNAL fails', () => {
  it('acks a slow api at once', async () => {
    const bot = await start();
    bot.harness.sevenSignal.setLatency(5000);

    const startedAt = Date.now();
    const sent = await bot.command('24h');
    const reply = await bot.reply(sent.responsePath, 9000);

    expect(sent.status).toBe(200);
    expect(sent.elapsedMs).toBeLessThan(1000);
    expect(reply.at - startedAt).toBeGreaterThanOrEqual(5000);
    expect(reply.body.text).toBe('No incidents in the last 24 hours.');
  }, 15_000);

  it('reports a timeout', async () => {
    const bot = await start({ SEVENSIGNAL_TIMEOUT: '1s' });
    bot.harness.sevenSignal.setLatency(1500);

    const startedAt = Date.now();
    const sent = await bot.command('24h');
    const reply = await bot.reply(sent.responsePath, 12_000);

    expect(sent.elapsedMs).toBeLessThan(1000);
    // One deadline covers the retries, so the reply comes after about one timeout, not three.
    expect(reply.at - startedAt).toBeLessThan(2500);
    expect(reply.body.response_type).toBe('ephemeral');
    expect(reply.body.text).toBe('7SIGNAL did not answer within 1 s. Try again in a minute.');
    expect(bot.harness.logs.find('Incident query failed')[0]?.err).toMatchObject({ code: 'timeout' });
  }, 20_000);

  it('reports rate limiting', async () => {
    const bot = await start();
    bot.harness.sevenSignal.failNext('/incidents/agents', { status: 429 }, FAILURES);

    const sent = await bot.command('24h');
    const reply = await bot.reply(sent.responsePath, 8000);

    expect(reply.body.text).toBe("7SIGNAL is rate limiting the bot's API key (HTTP 429). Try again in a minute.");
  }, 15_000);

  it('reports a rejected api key', async () => {
    const bot = await start({ SEVENSIGNAL_CLIENT_SECRET: 'wrong-secret' });

    const sent = await bot.command('24h');
    const reply = await bot.reply(sent.responsePath);

    expect(reply.body.text).toContain('7SIGNAL rejected the API key.');
    expect(replyText(reply)).not.toContain('wrong-secret');
  });

  it('reports a server error with its request id', async () => {
    const bot = await start();
    bot.harness.sevenSignal.failNext('/incidents/agents', { status: 503 }, FAILURES);

    const sent = await bot.command('24h');
    const reply = await bot.reply(sent.responsePath, 8000);

    expect(reply.body.text).toMatch(/^7SIGNAL failed with a server error \(HTTP 503\)\. Try again in a few minutes\. 7SIGNAL request id for their support: \S+\.$/);
  }, 15_000);

  it('logs a failed reply', async () => {
    const bot = await start();
    bot.responses.failNext(404);

    const sent = await bot.command('24h');
    await bot.reply(sent.responsePath);
    await new Promise((resolve) => setTimeout(resolve, 100));

    const logged = bot.harness.logs.find('Sending the reply to the response_url failed');
    expect(logged).toHaveLength(1);
    expect(logged[0]?.err).toMatchObject({ statusCode: 404 });
  });
});

describe('/wifi-incidents request signing', () => {
  // Each row: case and the signing options of the request.
  const rejected: Array<[string, { signature?: string | null; timestampSeconds?: number }]> = [
    ['unsigned', { signature: null }],
    ['wrongly signed', { signature: `v0=${'0'.repeat(64)}` }],
    ['stale', { timestampSeconds: Math.floor(Date.now() / 1000) - 6 * 60 }],
  ];

  for (const [name, options] of rejected) {
    it(`rejects ${name} requests`, async () => {
      const bot = await start();
      const before = bot.harness.sevenSignal.requests.length;

      const sent = await bot.command('24h', options);

      expect(sent.status).toBe(401);
      await expect(bot.reply(sent.responsePath, 300)).rejects.toThrow(/No reply/);
      expect(bot.harness.sevenSignal.requests.length).toBe(before);
    });
  }
});
