import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/log/logger.ts';
import { AllowedUsers, GROUP_MEMBERS_TTL_MS, slackGroupMembers } from '../../../src/slack/actions/allowed-users.ts';
import { createSlackWebClient } from '../../../src/slack/web-client.ts';

const logger = createLogger('silent');

function lister(groups: Record<string, string[] | Error>) {
  const calls: string[] = [];
  const list = async (groupId: string): Promise<string[]> => {
    calls.push(groupId);
    const members = groups[groupId];
    if (members instanceof Error) {
      throw members;
    }
    return members ?? [];
  };
  return { calls, list };
}

describe('AllowedUsers', () => {
  it('allows everyone with an empty list', async () => {
    const { calls, list } = lister({});
    expect(await new AllowedUsers(list, () => 0, logger).check('U1', [])).toEqual({ outcome: 'allowed' });
    expect(calls).toEqual([]);
  });

  it('allows a listed user without lookups', async () => {
    const { calls, list } = lister({ S1: ['U9'] });
    expect(await new AllowedUsers(list, () => 0, logger).check('U1', ['S1', 'U1'])).toEqual({ outcome: 'allowed' });
    expect(calls).toEqual([]);
  });

  it('allows a group member', async () => {
    const { list } = lister({ S1: ['U2'], S2: ['U1'] });
    expect(await new AllowedUsers(list, () => 0, logger).check('U1', ['S1', 'S2'])).toEqual({ outcome: 'allowed' });
  });

  it('rejects everyone else', async () => {
    const { list } = lister({ S1: ['U2'] });
    expect(await new AllowedUsers(list, () => 0, logger).check('U1', ['U3', 'S1'])).toEqual({ outcome: 'not_listed' });
  });

  it('reports a failed lookup', async () => {
    const failure = Object.assign(new Error('An API error occurred: missing_scope'), { code: 'slack_webapi_platform_error', data: { error: 'missing_scope' } });
    const { list } = lister({ S1: failure });
    expect(await new AllowedUsers(list, () => 0, logger).check('U1', ['S1'])).toEqual({
      outcome: 'lookup_failed',
      cause: 'reading user group S1 failed with missing_scope',
    });
  });

  it('allows a member despite another failed group', async () => {
    const { list } = lister({ S1: new Error('down'), S2: ['U1'] });
    expect(await new AllowedUsers(list, () => 0, logger).check('U1', ['S1', 'S2'])).toEqual({ outcome: 'allowed' });
  });

  it('reuses members until they expire', async () => {
    let now = 0;
    const { calls, list } = lister({ S1: ['U1'] });
    const allowed = new AllowedUsers(list, () => now, logger);

    await allowed.check('U1', ['S1']);
    now = GROUP_MEMBERS_TTL_MS - 1;
    await allowed.check('U2', ['S1']);
    expect(calls).toEqual(['S1']);

    now = GROUP_MEMBERS_TTL_MS;
    await allowed.check('U2', ['S1']);
    expect(calls).toEqual(['S1', 'S1']);
  });
});

describe('slackGroupMembers', () => {
  let server: Server | undefined;

  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  async function startStub(): Promise<{ url: string; bodies: string[] }> {
    const bodies: string[] = [];
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        bodies.push(`${request.url} ${body}`);
        const group = new URLSearchParams(body).get('usergroup');
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(group === 'S0ONCALL' ? { ok: true, users: ['U0ALICE', 'U0BOB'] } : { ok: false, error: 'no_such_subteam' }));
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/api/`, bodies };
  }

  it('reads members with usergroups.users.list', async () => {
    const stub = await startStub();
    const slack = createSlackWebClient({ botToken: 'xoxb-test', apiUrl: stub.url, logger, retries: 0 });

    expect(await slackGroupMembers(slack)('S0ONCALL')).toEqual(['U0ALICE', 'U0BOB']);
    expect(stub.bodies[0]).toMatch(/^\/api\/usergroups\.users\.list .*usergroup=S0ONCALL/);
  });

  it('throws on a slack error', async () => {
    const stub = await startStub();
    const slack = createSlackWebClient({ botToken: 'xoxb-test', apiUrl: stub.url, logger, retries: 0 });

    await expect(slackGroupMembers(slack)('S0OTHER')).rejects.toMatchObject({ data: { error: 'no_such_subteam' } });
  });
});
