/** Stable codes of failed 7SIGNAL calls; callers branch on these, never on message text. */
export type SevenSignalErrorCode =
  | 'invalid_credentials'
  | 'unauthorized'
  | 'forbidden'
  | 'bad_request'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'server_error'
  | 'timeout'
  | 'network'
  | 'invalid_response';

export interface SevenSignalErrorDetails {
  status?: number;
  method?: string;
  /** Request path and query, never the host's credentials or headers. */
  path?: string;
  /** The `requestId` of the API's error body, which 7SIGNAL support requests. */
  requestId?: string;
  cause?: unknown;
}

/** A failed 7SIGNAL call, with what a caller needs to act on it and nothing secret. */
export class SevenSignalError extends Error {
  readonly status: number | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly requestId: string | undefined;

  constructor(
    readonly code: SevenSignalErrorCode,
    message: string,
    details: SevenSignalErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'SevenSignalError';
    this.status = details.status;
    this.method = details.method;
    this.path = details.path;
    this.requestId = details.requestId;
  }

  /** Whether the same call may succeed later without a change of settings. */
  get retryable(): boolean {
    return ['rate_limited', 'server_error', 'timeout', 'network'].includes(this.code);
  }
}

/** Maps an HTTP status of a failed call to its error code. */
export function codeForStatus(status: number): SevenSignalErrorCode {
  if (status === 400) return 'bad_request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  return 'bad_request';
}

/** Reads the `message` and `requestId` of an API error body, whatever its shape. */
export function describeErrorBody(body: unknown): { message?: string; requestId?: string } {
  if (typeof body !== 'object' || body === null) {
    return typeof body === 'string' && body !== '' ? { message: body.slice(0, 300) } : {};
  }

  const record = body as Record<string, unknown>;
  const message = [record.message, record.error_description, record.error].find(
    (value): value is string => typeof value === 'string' && value !== '',
  );
  const requestId = typeof record.requestId === 'string' ? record.requestId : undefined;
  return { message: message?.slice(0, 300), requestId };
}

/** Builds the error for a non-2xx response to `method path`. */
export function errorFromResponse(method: string, path: string, status: number, body: unknown): SevenSignalError {
  const { message, requestId } = describeErrorBody(body);
  const reason = message ? `: ${message}` : '';
  const support = requestId ? ` (requestId ${requestId})` : '';
  return new SevenSignalError(codeForStatus(status), `7SIGNAL API ${method} ${path} failed with HTTP ${status}${reason}${support}`, {
    status,
    method,
    path,
    requestId,
  });
}
