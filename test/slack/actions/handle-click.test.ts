import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/log/logger.ts';
import type { ActionDependencies } from '../../../src/slack/actions/action-dependencies.ts';
import { AllowedUsers } from '../../../src/slack/actions/allowed-users.ts';
import { handleClick } from '../../../src/slack/actions/handle-click.ts';
import { ACTION_IDS } from '../../../src/slack/messages/incident-buttons.ts';
import type { SlackWebClient } from '../../../src/slack/web-client.ts';
import { ActionAudit } from '../../../src/store/action-audit.ts';
import { openDatabase } from '../../../src/store/database.ts';

const logger = createLogger('silent');

/** Dependencies whose acknowledgement store throws, with a Slack client that records ephemeral posts. */
function brokenDependencies() {
  const ephemerals: Array<Record<string, unknown>> = [];
  const audit = new ActionAudit(openDatabase(':memory:'));
  const slack = { chat: { postEphemeral: async (args: Record<string, unknown>) => ephemerals.push(args) } } as unknown as SlackWebClient;
  const messages = {
    acknowledgements: {
      acknowledge: () => {
        throw new Error('database is locked');
      },
    },
  };
  const deps = {
    allowLists: { acknowledgeAllowed: [], resolveAllowed: [] },
    slack,
    messages,
    audit,
    allowedUsers: new AllowedUsers(async () => [], () => 0, logger),
    logger,
    now: () => 1000,
  } as unknown as ActionDependencies;
  return { deps, audit, ephemerals };
}

describe('handleClick', () => {
  it('reports an unexpected error', async () => {
    const { deps, audit, ephemerals } = brokenDependencies();

    const outcome = await handleClick(deps, {
      actionId: ACTION_IDS.acknowledge,
      userId: 'U0ALICE',
      value: 'v1:agent:a',
      channel: 'C1',
      messageTs: '1.000100',
    });

    expect(outcome.result).toBe('failed');
    expect(audit.latest()).toEqual([
      {
        at: 1000,
        userId: 'U0ALICE',
        action: ACTION_IDS.acknowledge,
        kind: 'agent',
        incidentId: 'a',
        channel: 'C1',
        messageTs: '1.000100',
        result: 'failed',
        detail: 'database is locked',
      },
    ]);
    expect(ephemerals).toHaveLength(1);
    expect(ephemerals[0]).toMatchObject({ channel: 'C1', user: 'U0ALICE' });
    expect(String(ephemerals[0]!.text)).toContain('Handling the click failed unexpectedly');
  });

  it('skips the reply without a channel', async () => {
    const { deps, ephemerals } = brokenDependencies();

    const outcome = await handleClick(deps, { actionId: 'incident_acknowledge', userId: 'U0ALICE', value: 'bad', channel: undefined, messageTs: undefined });

    expect(outcome.result).toBe('out_of_date');
    expect(ephemerals).toEqual([]);
  });
});
