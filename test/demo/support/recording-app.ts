import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the app received, with the result of checking its signature. */
export interface AppRequest {
  contentType: string | undefined;
  signatureValid: boolean;
  form: URLSearchParams;
}

/** Response of the app to the next request. */
export interface AppReply {
  status?: number;
  body?: string;
  delayMs?: number;
}

export interface RecordingApp {
  url: string;
  requests: AppRequest[];
  /** Queues the response to the next request; without one the app responds 200 with an empty body. */
  replyNext(reply: AppReply): void;
  close(): Promise<void>;
}

async function readText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function verify(signingSecret: string, request: IncomingMessage, body: string): boolean {
  const timestamp = request.headers['x-slack-request-timestamp'];
  const signature = request.headers['x-slack-signature'];
  if (typeof timestamp !== 'string' || typeof signature !== 'string') {
    return false;
  }
  const expected = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
  return fresh && expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
}

/** Starts an app endpoint on 127.0.0.1 that checks signatures the way Bolt does and records each request. */
export async function startRecordingApp(signingSecret: string): Promise<RecordingApp> {
  const requests: AppRequest[] = [];
  const replies: AppReply[] = [];
  const server = createServer((request, response) => {
    void readText(request).then(async (body) => {
      requests.push({
        contentType: request.headers['content-type'],
        signatureValid: verify(signingSecret, request, body),
        form: new URLSearchParams(body),
      });
      const reply = replies.shift() ?? {};
      if (reply.delayMs !== undefined) {
        await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
      }
      if (!response.destroyed) {
        response.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
        response.end(reply.body ?? '');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    requests,
    replyNext: (reply) => replies.push(reply),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
