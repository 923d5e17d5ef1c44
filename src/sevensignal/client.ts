import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../../generated/sevensignal-api.ts';
import type { Logger } from '../log/logger.ts';
import { SevenSignalError, describeErrorBody, errorFromResponse } from './errors.ts';
import { TokenCache, type IssuedToken } from './token-cache.ts';
import type { RetryPolicy } from './retry-policy.ts';
import { createTransport, type TransportOptions } from './transport.ts';

/** The generated, typed client of the 7SIGNAL Platform API. */
export type SevenSignalApi = Client<paths>;

export interface SevenSignalClientOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  logger: Logger;
  fetch?: typeof globalThis.fetch;
  now?: () => number;
  retry?: RetryPolicy;
  onAttempt?: TransportOptions['onAttempt'];
}

/** The one authenticated 7SIGNAL client shared by the poller and the Slack handlers. */
export interface SevenSignalClient {
  api: SevenSignalApi;
  tokens: TokenCache;
}

/** Token lifetime assumed when the API leaves out `expires_in`. */
const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

/** Creates the authenticated client: every call carries a cached bearer token. */
export function createSevenSignalClient(options: SevenSignalClientOptions): SevenSignalClient {
  const baseFetch = options.fetch ?? globalThis.fetch;

  const tokens: TokenCache = new TokenCache({
    exchange: () => exchangeToken(api, options),
    now: options.now,
  });

  const api: SevenSignalApi = createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: createTransport({
      fetch: baseFetch,
      tokens,
      timeoutMs: options.timeoutMs,
      logger: options.logger,
      retry: options.retry,
      now: options.now,
      onAttempt: options.onAttempt,
    }),
  });

  return { api, tokens };
}

/** Exchanges the client credentials for an access token with `POST /oauth2/token`. */
async function exchangeToken(api: SevenSignalApi, options: SevenSignalClientOptions): Promise<IssuedToken> {
  const { data, error, response } = await api.POST('/oauth2/token', {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: {
      grant_type: 'client_credentials',
      client_id: options.clientId,
      client_secret: options.clientSecret,
    },
  });

  if (response.status === 400 || response.status === 401) {
    const reason = describeErrorBody(error).message ?? `HTTP ${response.status}`;
    const oauthError = typeof error === 'object' && error !== null ? (error as { error?: unknown }).error : undefined;
    if (oauthError === 'invalid_client' || oauthError === 'unauthorized_client' || response.status === 401) {
      options.logger.debug({ status: response.status, oauthError }, '7SIGNAL token exchange rejected');
      throw new SevenSignalError(
        'invalid_credentials',
        `7SIGNAL rejected the API credentials (${reason}): check SEVENSIGNAL_CLIENT_ID and SEVENSIGNAL_CLIENT_SECRET against the API key in Mobile Eye (Users, Manage Users, API Key).`,
        { status: response.status, method: 'POST', path: '/oauth2/token' },
      );
    }
  }

  if (!response.ok || data === undefined) {
    throw errorFromResponse('POST', '/oauth2/token', response.status, error);
  }

  if (typeof data.access_token !== 'string' || data.access_token === '') {
    throw new SevenSignalError('invalid_response', '7SIGNAL token response has no access_token', {
      status: response.status,
      method: 'POST',
      path: '/oauth2/token',
    });
  }

  const expiresIn = typeof data.expires_in === 'number' && data.expires_in > 0 ? data.expires_in : DEFAULT_TOKEN_LIFETIME_SECONDS;
  return { accessToken: data.access_token, expiresInSeconds: expiresIn };
}
