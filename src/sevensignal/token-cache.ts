import { SevenSignalError } from './errors.ts';

/** An access token and its lifetime as the API reported it. */
export interface IssuedToken {
  accessToken: string;
  expiresInSeconds: number;
}

export interface TokenCacheOptions {
  /** Exchanges the client credentials for a new token; throws a SevenSignalError on failure. */
  exchange: () => Promise<IssuedToken>;
  now?: () => number;
  /** How long before expiry a token is replaced; defaults to 5 minutes. */
  refreshMarginMs?: number;
}

/**
 * Caches the OAuth2 access token for its lifetime, as 7SIGNAL requests of clients.
 * Concurrent callers share one exchange in flight. An `invalid_credentials` failure is kept, so
 * later callers fail at once instead of asking the API again with the same wrong credentials.
 */
export class TokenCache {
  private token: { value: string; expiresAt: number } | undefined;
  private inFlight: Promise<string> | undefined;
  private fatal: SevenSignalError | undefined;
  private exchanges = 0;

  private readonly exchange: () => Promise<IssuedToken>;
  private readonly now: () => number;
  private readonly refreshMarginMs: number;

  constructor(options: TokenCacheOptions) {
    this.exchange = options.exchange;
    this.now = options.now ?? Date.now;
    this.refreshMarginMs = options.refreshMarginMs ?? 5 * 60_000;
  }

  /** Number of exchanges started so far. */
  get exchangeCount(): number {
    return this.exchanges;
  }

  /** Returns a valid access token, exchanging the credentials when none is cached or it is about to expire. */
  async get(): Promise<string> {
    if (this.fatal) {
      throw this.fatal;
    }

    if (this.token && this.now() < this.token.expiresAt) {
      return this.token.value;
    }

    this.inFlight ??= this.refresh().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Drops `token` if it is the cached one, so the next `get()` exchanges again. */
  invalidate(token: string): void {
    if (this.token?.value === token) {
      this.token = undefined;
    }
  }

  private async refresh(): Promise<string> {
    this.exchanges += 1;
    const startedAt = this.now();

    try {
      const issued = await this.exchange();
      const lifetimeMs = issued.expiresInSeconds * 1000;
      // Short-lived tokens are replaced at 90 % of their lifetime instead of 5 minutes early.
      const marginMs = Math.min(this.refreshMarginMs, lifetimeMs * 0.1);
      this.token = { value: issued.accessToken, expiresAt: startedAt + lifetimeMs - marginMs };
      return issued.accessToken;
    } catch (error) {
      if (error instanceof SevenSignalError && error.code === 'invalid_credentials') {
        this.fatal = error;
      }
      throw error;
    }
  }
}
