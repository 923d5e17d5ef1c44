import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeSlack } from '../slack/types.ts';
import type { AppEndpoint } from './app-requests.ts';
import { ChannelState } from './channel-state.ts';
import { renderChannel, type ChannelView } from './channel-view.ts';
import { HttpError, readBody, readJsonObject, send, sendJson } from './http-helpers.ts';
import { Interactions } from './interactions.ts';
import { loadPageAssets, type PageAssets } from './page-assets.ts';
import { RESPONSE_URL_PATH, ResponseUrls, type ResponseUrlSource } from './response-urls.ts';

export interface SlackStandInOptions {
  /** The fake Web API whose channel the page shows. */
  slack: FakeSlack;
  /** The app's request URL (Bolt's `/slack/events`) and signing secret. */
  app: AppEndpoint;
  channel: { id: string; name: string };
  /** The user looking at the page; clicks and commands come from this user. */
  viewer: { id: string; name: string };
  /** The app's bot user, named on its messages and in mentions. */
  appUser: { id: string; name: string };
  /** Slash commands of the workspace, such as `/wifi-incidents`. */
  commands: readonly string[];
  team?: { id: string; domain: string };
  apiAppId?: string;
  /** Port on 127.0.0.1; 0, the default, picks a free one. */
  port?: number;
  /** Clock in epoch milliseconds for response_url lifetimes and local messages; default Date.now. */
  now?: () => number;
  /** Receives one line per interaction, app response and response_url post. */
  onActivity?: (line: string) => void;
  /** Receives the body of every reply to an interaction, sent to its response_url or in the app's HTTP response. */
  onReply?: (source: ResponseUrlSource, payload: Record<string, unknown>) => void;
}

export interface SlackStandIn {
  /** Address of the page, such as `http://127.0.0.1:3030/`. */
  url: string;
  channel: ChannelState;
  interactions: Interactions;
  /** Renders the channel as the page shows it now. */
  view(): ChannelView;
  close(): Promise<void>;
}

function readIndex(body: Record<string, unknown>, name: string): number {
  const value = body[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new HttpError(400, `${name} must be a whole number of at least 0`);
  }
  return value;
}

/**
 * Starts the Slack stand-in on 127.0.0.1: a web page that shows one channel of the fake Web API
 * as Slack would, sends clicks and slash commands to the app as signed requests, and serves the
 * response_urls the app replies to.
 */
export async function startSlackStandIn(options: SlackStandInOptions): Promise<SlackStandIn> {
  const now = options.now ?? Date.now;
  const onActivity = options.onActivity ?? (() => undefined);
  const users = new Map([
    [options.viewer.id, options.viewer.name],
    [options.appUser.id, options.appUser.name],
  ]);
  const channel = new ChannelState(options.slack, options.channel.id, options.viewer.id, now);
  let baseUrl = '';
  const responseUrls = new ResponseUrls(channel, () => baseUrl, now, options.onReply);
  const interactions = new Interactions({
    app: options.app,
    workspace: {
      teamId: options.team?.id ?? 'T0000FAKE',
      teamDomain: options.team?.domain ?? 'fake-workspace',
      apiAppId: options.apiAppId ?? 'A0000FAKE',
      channel: options.channel,
      user: options.viewer,
    },
    commands: options.commands,
    channel,
    responseUrls,
    onActivity,
  });
  const assets: PageAssets = await loadPageAssets({
    channelName: options.channel.name,
    appName: options.appUser.name,
    viewerName: options.viewer.name,
    commandHint: `${options.commands[0] ?? '/command'} 24h`,
  });

  const view = (): ChannelView =>
    renderChannel(channel.entries(), { channelName: options.channel.name, appName: options.appUser.name, userName: (id) => users.get(id) });

  let port = 0;
  const allowedHosts = (): Set<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Another site reached through DNS rebinding would send its own host name here.
    if (!allowedHosts().has(request.headers.host ?? '')) {
      throw new HttpError(403, `Unexpected Host header ${JSON.stringify(request.headers.host)}: open the page at ${baseUrl}/`);
    }
    const path = new URL(request.url ?? '/', baseUrl).pathname;
    const method = request.method ?? 'GET';

    if (method === 'GET' && path === '/') {
      send(response, 200, 'text/html; charset=utf-8', assets.page);
      return;
    }
    if (method === 'GET' && path.startsWith('/assets/')) {
      const file = assets.files.get(path.slice('/assets/'.length));
      if (file === undefined) {
        throw new HttpError(404, `No asset ${path}`);
      }
      send(response, 200, file.type, file.body);
      return;
    }
    if (method === 'GET' && path === '/api/channel') {
      sendJson(response, 200, view());
      return;
    }
    if (method === 'POST' && path === '/api/command') {
      const body = await readJsonObject(request);
      if (typeof body.text !== 'string') {
        throw new HttpError(400, 'text must be a string, such as "/wifi-incidents 24h"');
      }
      sendJson(response, 200, await interactions.runCommand(body.text));
      return;
    }
    if (method === 'POST' && path === '/api/click') {
      const body = await readJsonObject(request);
      if (typeof body.key !== 'string') {
        throw new HttpError(400, 'key must be the data-key of a message');
      }
      sendJson(response, 200, await interactions.click(body.key, readIndex(body, 'block'), readIndex(body, 'element')));
      return;
    }
    if (method === 'POST' && path.startsWith(RESPONSE_URL_PATH)) {
      const result = responseUrls.deliver(path.slice(RESPONSE_URL_PATH.length), await readBody(request));
      onActivity(result.outcome ?? `response_url post rejected with HTTP ${result.status}: ${JSON.stringify(result.body)}`);
      sendJson(response, result.status, result.body);
      return;
    }
    if (method === 'GET' && path === '/favicon.ico') {
      send(response, 204, 'text/plain', '');
      return;
    }
    throw new HttpError(404, `No route for ${method} ${path}`);
  }

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      if (status === 500) {
        onActivity(`stand-in error on ${request.method} ${request.url}: ${message}`);
      }
      sendJson(response, status, { ok: false, error: message });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: `${baseUrl}/`,
    channel,
    interactions,
    view,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}
