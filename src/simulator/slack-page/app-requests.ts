import { createHmac } from 'node:crypto';

/** Slack shows the user an error when the app does not respond within 3 seconds. */
export const APP_TIMEOUT_MS = 3000;

/** Destination of interactions: the app's request URL and its signing secret. */
export interface AppEndpoint {
  url: string;
  signingSecret: string;
}

/** Result of one request to the app. */
export type AppResponse =
  | { outcome: 'responded'; status: number; body: string }
  | { outcome: 'timeout' }
  | { outcome: 'unreachable'; error: string };

/** Computes Slack's v0 signature: `v0=` and the hex HMAC-SHA256 of `v0:<timestamp>:<body>`. */
export function signRequest(signingSecret: string, timestampSeconds: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${body}`).digest('hex')}`;
}

/**
 * Posts a form body to the app as Slack does: signed with the current time (the app rejects
 * timestamps older than 5 minutes) and with the content type exactly
 * `application/x-www-form-urlencoded`, because Bolt's receiver rejects one with a charset.
 */
export async function sendToApp(endpoint: AppEndpoint, body: string, timeoutMs: number = APP_TIMEOUT_MS): Promise<AppResponse> {
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const response = await fetch(endpoint.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signRequest(endpoint.signingSecret, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { outcome: 'responded', status: response.status, body: await response.text() };
  } catch (error) {
    if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      return { outcome: 'timeout' };
    }
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    return { outcome: 'unreachable', error: cause ?? (error instanceof Error ? error.message : String(error)) };
  }
}
