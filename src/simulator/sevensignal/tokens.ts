/** OAuth2 client-credentials token endpoint and bearer-token checks of the fake 7SIGNAL API. */
import { randomBytes } from 'node:crypto';
import type { TokenErrorResponse, TokenResponse } from '../../sevensignal/types.ts';
import { errorResponse, jsonResponse, type RouteContext, type RouteResponse } from './responses.ts';

/**
 * The token response as the service sends it: 7SIGNAL's docs show `scope` as a space-separated
 * string, while the contract types it as an array of strings.
 */
type TokenResponseAsSent = Omit<TokenResponse, 'scope'> & { scope: string };

export interface Credentials {
  clientId: string;
  clientSecret: string;
}

/** Issued access tokens with their expiry times by the fake's clock. */
export class TokenRegistry {
  private readonly expiresAt = new Map<string, number>();
  issuedCount = 0;

  constructor(private readonly ttlSeconds: number) {}

  issue(now: number): TokenResponseAsSent {
    const token = randomBytes(32).toString('base64url');
    this.expiresAt.set(token, now + this.ttlSeconds * 1000);
    this.issuedCount += 1;
    return { access_token: token, token_type: 'Bearer', expires_in: this.ttlSeconds, scope: 'read' };
  }

  /** Returns 'valid', or why the token is rejected. */
  check(token: string, now: number): 'valid' | 'expired' | 'unknown' {
    const expiresAt = this.expiresAt.get(token);
    if (expiresAt === undefined) {
      return 'unknown';
    }
    return now < expiresAt ? 'valid' : 'expired';
  }

  expireAll(): void {
    this.expiresAt.clear();
  }
}

/** Handles `POST /oauth2/token` with a form-encoded client-credentials grant. */
export function handleTokenRequest(context: RouteContext, credentials: Credentials, tokens: TokenRegistry): RouteResponse {
  const contentType = context.headers['content-type'] ?? '';
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/x-www-form-urlencoded') {
    return tokenError(
      'invalid_request',
      `Unsupported content type '${contentType}': send the request as application/x-www-form-urlencoded.`,
    );
  }

  const form = new URLSearchParams(context.body);
  const grantType = form.get('grant_type');
  const clientId = form.get('client_id');
  const clientSecret = form.get('client_secret');
  if (!grantType) {
    return tokenError('invalid_request', 'Missing parameter grant_type.');
  }
  if (grantType !== 'client_credentials') {
    return tokenError('unsupported_grant_type', `Unsupported grant_type '${grantType}': only client_credentials is supported.`);
  }
  if (!clientId || !clientSecret) {
    return tokenError('invalid_request', 'Missing parameter client_id or client_secret.');
  }
  if (clientId !== credentials.clientId || clientSecret !== credentials.clientSecret) {
    return tokenError('invalid_client', 'Client authentication failed: unknown client_id or wrong client_secret.');
  }

  return jsonResponse(tokens.issue(context.now));
}

/**
 * Returns the 401 response for a request without a valid bearer token, or undefined when the
 * `Authorization` header carries a valid, unexpired token.
 */
export function checkBearerToken(context: RouteContext, tokens: TokenRegistry): RouteResponse | undefined {
  const authorization = context.headers['authorization'];
  const match = authorization === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  const token = match?.[1];
  if (token === undefined) {
    return unauthorized('Missing bearer token: send Authorization: Bearer <access_token>.', 'invalid_request', context);
  }

  const state = tokens.check(token, context.now);
  if (state === 'expired') {
    return unauthorized('The access token has expired: request a new one from /oauth2/token.', 'invalid_token', context);
  }
  if (state === 'unknown') {
    return unauthorized('The access token is invalid: request a new one from /oauth2/token.', 'invalid_token', context);
  }
  return undefined;
}

function tokenError(error: TokenErrorResponse['error'], description: string): RouteResponse {
  const body: TokenErrorResponse = { error, error_description: description };
  return jsonResponse(body, 400);
}

function unauthorized(message: string, bearerError: string, context: RouteContext): RouteResponse {
  const response = errorResponse(401, message, context);
  response.headers = { 'www-authenticate': `Bearer error="${bearerError}"` };
  return response;
}
