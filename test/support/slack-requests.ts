import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/** Signature headers that Slack sends with every request to an app. */
export interface SlackSignatureHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
}

/** Options for a signed request into a Bolt receiver. */
export interface SignedRequestOptions {
  /** Request timestamp in seconds since the epoch. Defaults to now. Bolt rejects timestamps older than 5 minutes. */
  timestampSeconds?: number;
  /** Replaces the computed `x-slack-signature` header. `null` sends no signature headers at all. */
  signature?: string | null;
}

export interface SlackRequestResult {
  status: number;
  body: string;
  elapsedMs: number;
}

export interface SlashCommandFields {
  command?: string;
  text: string;
  user_id?: string;
  channel_id?: string;
  response_url: string;
  trigger_id?: string;
  team_id?: string;
}

/**
 * Computes Slack's v0 request signature: `v0=` and the hex HMAC-SHA256 of `v0:<timestamp>:<body>` keyed
 * with the signing secret.
 */
export function signSlackRequest(
  signingSecret: string,
  body: string,
  timestampSeconds: number = Math.floor(Date.now() / 1000),
): SlackSignatureHeaders {
  const digest = createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${digest}`, 'x-slack-request-timestamp': String(timestampSeconds) };
}

/**
 * Posts a form body the way Slack does. The content type is exactly `application/x-www-form-urlencoded`
 * because Bolt's HTTP receiver responds 400 when a charset follows it.
 */
async function postSignedForm(
  url: string,
  signingSecret: string,
  body: string,
  options: SignedRequestOptions = {},
): Promise<SlackRequestResult> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (options.signature !== null) {
    const signed = signSlackRequest(signingSecret, body, options.timestampSeconds);
    headers['x-slack-request-timestamp'] = signed['x-slack-request-timestamp'];
    headers['x-slack-signature'] = options.signature ?? signed['x-slack-signature'];
  }

  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers, body });
  const responseBody = await response.text();
  return { status: response.status, body: responseBody, elapsedMs: performance.now() - started };
}

/** Posts a signed slash command payload, with Slack's other fields filled with fixed test values. */
export function postSlashCommand(
  url: string,
  signingSecret: string,
  fields: SlashCommandFields,
  options?: SignedRequestOptions,
): Promise<SlackRequestResult> {
  const form = new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: fields.team_id ?? 'T0000FAKE',
    team_domain: 'fake-workspace',
    channel_id: fields.channel_id ?? 'C0000TEST',
    channel_name: 'wifi-incidents',
    user_id: fields.user_id ?? 'U0000USER',
    user_name: 'test.user',
    command: fields.command ?? '/wifi-incidents',
    text: fields.text,
    api_app_id: 'A0000FAKE',
    is_enterprise_install: 'false',
    response_url: fields.response_url,
    trigger_id: fields.trigger_id ?? '1000000000.1000000000.0123456789abcdef0123456789abcdef',
  });
  return postSignedForm(url, signingSecret, form.toString(), options);
}

/** Posts a signed interactivity payload (for example `block_actions`) as the form field `payload`. */
export function postBlockActions(
  url: string,
  signingSecret: string,
  payload: object,
  options?: SignedRequestOptions,
): Promise<SlackRequestResult> {
  const form = new URLSearchParams({ payload: JSON.stringify(payload) });
  return postSignedForm(url, signingSecret, form.toString(), options);
}

/** A POST received by the response_url server. `body` is the parsed JSON, or the raw text when it is not JSON. */
export interface ResponseUrlPost {
  path: string;
  body: any;
  /** Arrival time from `Date.now()`. */
  at: number;
}

export interface ResponseUrlServer {
  /** A ready response_url; the server accepts POSTs to any path. */
  url: string;
  responses: ResponseUrlPost[];
  /** Resolves with the posts once at least `count` arrived. Rejects after `timeoutMs` (default 2000). */
  waitFor(count: number, timeoutMs?: number): Promise<ResponseUrlPost[]>;
  /** Responds to the next `times` posts with `status` instead of 200, as Slack does for an expired response_url (404). */
  failNext(status: number, times?: number): void;
  close(): Promise<void>;
}

async function readText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Starts a server on 127.0.0.1 that records what is POSTed to a response_url and responds 200 `ok`. */
export async function startResponseUrlServer(): Promise<ResponseUrlServer> {
  const responses: ResponseUrlPost[] = [];
  const failureStatuses: number[] = [];
  const waiters = new Set<() => void>();

  const server = createServer((request, response) => {
    readText(request).then(
      (text) => {
        responses.push({ path: request.url ?? '/', body: parseJsonOrText(text), at: Date.now() });
        const status = failureStatuses.shift() ?? 200;
        response.writeHead(status, { 'content-type': 'text/plain' });
        response.end(status === 200 ? 'ok' : 'expired_url');
        for (const notify of waiters) notify();
      },
      (error: unknown) => {
        response.writeHead(400, { 'content-type': 'text/plain' });
        response.end(`Failed to read the request body: ${String(error)}`);
      },
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  function waitFor(count: number, timeoutMs = 2000): Promise<ResponseUrlPost[]> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (responses.length >= count) {
          clearTimeout(timer);
          waiters.delete(check);
          resolve([...responses]);
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${count} response_url posts; received ${responses.length}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  }

  return {
    url: `http://127.0.0.1:${port}/response-url`,
    responses,
    waitFor,
    failNext(status, times = 1) {
      for (let i = 0; i < times; i += 1) {
        failureStatuses.push(status);
      }
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      });
    },
  };
}
