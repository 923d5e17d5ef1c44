import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One `chat.postMessage` that reached the proxy, with its real arrival time. */
export interface ProxiedPost {
  channel: string;
  /** `performance.now()` at arrival. */
  at: number;
  /** 429 when the proxy rejected it, otherwise the status of the fake. */
  status: number;
}

/** A proxy in front of the fake Slack that rate-limits `chat.postMessage` per channel as Slack does. */
export interface RateLimitedSlack {
  /** Base URL for SLACK_API_URL. */
  url: string;
  posts: ProxiedPost[];
  /** Rejects the next `times` posts to `channel` with 429 and `Retry-After: retryAfterSeconds`. */
  limitNext(channel: string, retryAfterSeconds: number, times?: number): void;
  close(): Promise<void>;
}

function channelOf(request: IncomingMessage, body: string): string {
  if ((request.headers['content-type'] ?? '').includes('application/json')) {
    return String((JSON.parse(body) as { channel?: unknown }).channel ?? '');
  }
  return new URLSearchParams(body).get('channel') ?? '';
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Starts a proxy on 127.0.0.1 that forwards every call to `targetUrl` (the fake Slack's API URL).
 * A `chat.postMessage` to a channel less than `minIntervalMs` after the last accepted post to the
 * same channel gets 429 with `Retry-After: 1`, and so does one queued by `limitNext`.
 */
export async function startRateLimitedSlack(targetUrl: string, minIntervalMs: number): Promise<RateLimitedSlack> {
  const posts: ProxiedPost[] = [];
  const lastAccepted = new Map<string, number>();
  const forced = new Map<string, Array<number>>();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const method = (request.url ?? '').replace(/^\/api\//, '').split('?')[0]!;

    if (method === 'chat.postMessage') {
      const at = performance.now();
      const channel = channelOf(request, body);
      const retryAfter = forced.get(channel)?.shift() ?? (at - (lastAccepted.get(channel) ?? -Infinity) < minIntervalMs ? 1 : undefined);
      if (retryAfter !== undefined) {
        posts.push({ channel, at, status: 429 });
        response.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(retryAfter) });
        response.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
      lastAccepted.set(channel, at);
      posts.push({ channel, at, status: 200 });
    }

    const upstream = await fetch(new URL((request.url ?? '').replace(/^\/api\//, ''), targetUrl), {
      method: request.method,
      headers: Object.fromEntries(
        Object.entries(request.headers).filter(([name]) => ['content-type', 'authorization'].includes(name)) as Array<[string, string]>,
      ),
      ...(request.method === 'GET' || request.method === 'HEAD' ? {} : { body }),
    });
    response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    response.end(await upstream.text());
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: false, error: 'proxy_error', detail: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/api/`,
    posts,
    limitNext(channel, retryAfterSeconds, times = 1) {
      forced.set(channel, [...(forced.get(channel) ?? []), ...Array<number>(times).fill(retryAfterSeconds)]);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}
