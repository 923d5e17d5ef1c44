import type { IncomingMessage } from 'node:http';

/** Form fields that `@slack/web-api` sends as JSON strings, because it serializes every object argument that way. */
const jsonFormFields = new Set(['blocks', 'attachments', 'metadata']);

/** A Web API request after parsing. `bodyError` is a Slack error code when the body could not be read. */
export interface ParsedSlackRequest {
  /** Method name from the path `/api/<method>`, or undefined for any other path. */
  method: string | undefined;
  args: Record<string, unknown>;
  token: string | undefined;
  bodyError?: 'invalid_json' | 'invalid_form_data';
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function decodeFormValue(key: string, value: string): unknown {
  if (!jsonFormFields.has(key)) {
    return value;
  }
  try {
    return JSON.parse(value) as unknown;
  } catch {
    // Slack rejects the field later with its own error (for example invalid_blocks_format).
    return value;
  }
}

function decodeForm(form: URLSearchParams, into: Record<string, unknown>): void {
  for (const [key, value] of form) {
    into[key] = decodeFormValue(key, value);
  }
}

function bearerToken(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) {
    return undefined;
  }
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match?.[1];
}

/**
 * Parses a Web API request. Query parameters and JSON or `application/x-www-form-urlencoded` bodies are
 * merged, with body fields winning. A body of another content type sets `bodyError`.
 */
export async function parseSlackRequest(request: IncomingMessage): Promise<ParsedSlackRequest> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const pathMatch = /^\/api\/([A-Za-z0-9._]+)$/.exec(url.pathname);
  const args: Record<string, unknown> = {};
  decodeForm(url.searchParams, args);

  const body = await readBody(request);
  const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  let bodyError: ParsedSlackRequest['bodyError'];

  if (body.length > 0) {
    if (contentType === 'application/json') {
      try {
        const parsed = JSON.parse(body) as unknown;
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
          Object.assign(args, parsed);
        } else {
          bodyError = 'invalid_json';
        }
      } catch {
        bodyError = 'invalid_json';
      }
    } else if (contentType === 'application/x-www-form-urlencoded') {
      decodeForm(new URLSearchParams(body), args);
    } else {
      bodyError = 'invalid_form_data';
    }
  }

  const tokenArgument = typeof args.token === 'string' ? args.token : undefined;
  const parsed: ParsedSlackRequest = {
    method: pathMatch?.[1],
    args,
    token: bearerToken(request) ?? tokenArgument,
  };
  if (bodyError !== undefined) {
    parsed.bodyError = bodyError;
  }
  return parsed;
}
