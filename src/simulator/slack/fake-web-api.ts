import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

import { addBotMessage, replaceMessageContent } from './direct-messages.ts';
import { parseSlackRequest } from './request-parsing.ts';
import { methodHandlers, userGroups, type SlackResponse } from './slack-methods.ts';
import type { FakeSlack, FakeSlackFailure, FakeSlackOptions, SlackCall } from './types.ts';
import { attachSocketMode, SOCKET_MODE_PATH } from './socket-mode.ts';
import { Workspace } from './workspace.ts';

/** Returns the error code for a failure queued with a status but no `error`. */
function defaultFailureError(status: number): string {
  if (status === 429) return 'ratelimited';
  if (status >= 500) return 'internal_error';
  return 'request_failed';
}

interface Reply {
  status: number;
  body: SlackResponse;
  headers: Record<string, string>;
}

function failureReply(failure: FakeSlackFailure): Reply {
  const status = failure.status ?? 200;
  const headers: Record<string, string> = {};
  const retryAfter = failure.retryAfterSeconds ?? (status === 429 ? 1 : undefined);
  if (retryAfter !== undefined) {
    headers['retry-after'] = String(retryAfter);
  }
  return { status, headers, body: { ok: false, error: failure.error ?? defaultFailureError(status) } };
}

function sendJson(response: ServerResponse, reply: Reply): void {
  if (response.destroyed) {
    return;
  }
  response.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
  response.end(JSON.stringify(reply.body));
}

/**
 * Starts a fake Slack Web API on 127.0.0.1 with a random port. It stores channels and messages in memory,
 * checks tokens and validates arguments the way Slack does for the methods in `methodHandlers`.
 */
export async function startFakeSlack(options: FakeSlackOptions): Promise<FakeSlack> {
  const now = options.now ?? Date.now;
  const latencyMs = options.latencyMs ?? 0;
  const workspace = new Workspace(
    {
      teamId: options.teamId ?? 'T0000FAKE',
      botUserId: options.botUserId ?? 'U0000BOT',
      botId: options.botId ?? 'B0000BOT',
    },
    now,
  );
  const calls: SlackCall[] = [];
  const callListeners = new Set<(call: SlackCall) => void>();
  const failureQueues = new Map<string, FakeSlackFailure[]>();
  // Aborts pending delays on close so that timers do not keep the process alive.
  const shutdown = new AbortController();

  async function wait(ms: number): Promise<void> {
    if (ms > 0) {
      await sleep(ms, undefined, { signal: shutdown.signal });
    }
  }

  function authError(method: string, token: string | undefined): SlackResponse | undefined {
    if (token === undefined || token.length === 0) {
      return { ok: false, error: 'not_authed' };
    }
    // Socket Mode connections are opened with the app-level token, every other method with the bot token.
    const expected = method === 'apps.connections.open' ? options.appToken : options.botToken;
    if (token !== expected) {
      return { ok: false, error: 'invalid_auth' };
    }
    return undefined;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const at = now();
    const parsed = await parseSlackRequest(request);
    if (parsed.method === undefined) {
      sendJson(response, { status: 404, headers: {}, body: { ok: false, error: 'unknown_method' } });
      return;
    }
    const method = parsed.method;
    await wait(latencyMs);

    let reply: Reply | undefined;
    const failure = failureQueues.get(method)?.shift();
    if (failure !== undefined) {
      await wait(failure.delayMs ?? 0);
      if (failure.status !== undefined || failure.error !== undefined) {
        reply = failureReply(failure);
      }
    }

    if (reply === undefined) {
      const handler = methodHandlers.get(method);
      let body: SlackResponse;
      if (parsed.bodyError !== undefined) {
        body = { ok: false, error: parsed.bodyError };
      } else if (method === 'apps.connections.open') {
        body = authError(method, parsed.token) ?? { ok: true, url: `ws://127.0.0.1:${port}${SOCKET_MODE_PATH}` };
      } else if (handler === undefined) {
        body = { ok: false, error: 'unknown_method' };
      } else {
        body = authError(method, parsed.token) ?? handler(workspace, parsed.args);
      }
      reply = { status: 200, headers: {}, body };
    }

    const call: SlackCall = { method, args: parsed.args, token: parsed.token, at, response: reply.body };
    calls.push(call);
    sendJson(response, reply);
    for (const listener of callListeners) {
      try {
        listener(call);
      } catch (error) {
        console.error(`A fake Slack call listener failed on ${method}:`, error);
      }
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (shutdown.signal.aborted) {
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      sendJson(response, { status: 500, headers: {}, body: { ok: false, error: 'fake_slack_error', detail: message } });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const socketMode = attachSocketMode(server);

  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    callsTo: (method) => calls.filter((call) => call.method === method),
    messages: (channel) => workspace.messages(channel),
    ephemeralMessages: (channel) =>
      workspace.ephemerals
        .filter((message) => channel === undefined || message.channel === channel)
        .map((message) => structuredClone(message)),
    failNext(method, failure, times = 1) {
      const queue = failureQueues.get(method) ?? [];
      for (let i = 0; i < times; i += 1) {
        queue.push({ ...failure });
      }
      failureQueues.set(method, queue);
    },
    addChannel: (id, channelOptions) => workspace.addChannel(id, channelOptions),
    addUserGroup(id, users) {
      const groups = userGroups.get(workspace) ?? new Map<string, string[]>();
      groups.set(id, [...users]);
      userGroups.set(workspace, groups);
    },
    deleteMessage(channel, ts) {
      if (!workspace.removeMessage(channel, ts)) {
        throw new Error(`Cannot delete message ${ts} in channel ${channel}: no such message in the fake Slack`);
      }
    },
    socketMode,
    addMessage: (channel, content) => addBotMessage(workspace, channel, content),
    replaceMessage: (channel, ts, content) => replaceMessageContent(workspace, channel, ts, content),
    onCall(listener) {
      callListeners.add(listener);
      return () => callListeners.delete(listener);
    },
    async close() {
      shutdown.abort();
      await socketMode.close();
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      });
    },
  };
}
