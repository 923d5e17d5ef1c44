import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/bot-harness.ts';
import { runCli } from '../support/run-cli.ts';

let harness: Harness;

beforeEach(async () => {
  harness = await startHarness({ now: Date.now() });
  harness.clock.real = true;
});

afterEach(async () => {
  await harness.close();
});

describe('--check with a routes file', { timeout: 30_000 }, () => {
  it('checks each routed channel', async () => {
    harness.slack.addChannel('C0PRIVATE', { member: false });
    const path = join(harness.folder, 'routes.yaml');
    writeFileSync(
      path,
      [
        'routes:',
        '  - match: { band: 5 }',
        '    channel: C0CAMPUS',
        '  - match: { band: 6 }',
        '    channel: C0PRIVATE',
        '  - match: { band: 2.4 }',
        '    channel: C0CAMPUS',
        '',
      ].join('\n'),
    );

    const run = await runCli(['--check'], harness.env({ ROUTES_FILE: path }), harness.folder);

    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines.slice(3)).toEqual([
      'ok   Posting to C0INCIDENTS: the bot may post to SLACK_CHANNEL',
      'ok   Posting to C0CAMPUS: the bot may post to the channel of the routes at lines 2, 6 of ROUTES_FILE',
      expect.stringMatching(/^FAIL Posting to C0PRIVATE: Slack answered not_in_channel: invite the bot/),
    ]);
    expect(harness.slack.messages()).toHaveLength(0);
  });

  it('lists each mistake of a broken file', async () => {
    const path = join(harness.folder, 'routes.yaml');
    writeFileSync(path, 'routes:\n  - match: { band: 7 }\n    chanel: C0CAMPUS\n');

    const run = await runCli(['--check'], harness.env({ ROUTES_FILE: path }), harness.folder);

    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      `wifi-incidents: ROUTES_FILE ${path}:2:20: routes[0].match.band is 7: use 2.4, 5 or 6 (GHz).`,
      `wifi-incidents: ROUTES_FILE ${path}:3:5: routes[0].chanel is not a route option. Did you mean channel? Use match, channel, continue, minImpacted or minImpactedPercent.`,
    ]);
  });
});
