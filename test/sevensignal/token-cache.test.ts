import { describe, expect, it } from 'vitest';
import { SevenSignalError } from '../../src/sevensignal/errors.ts';
import { TokenCache } from '../../src/sevensignal/token-cache.ts';

function counter(lifetimeSeconds = 86_400) {
  let count = 0;
  return {
    get count() {
      return count;
    },
    exchange: async () => {
      count += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { accessToken: `token-${count}`, expiresInSeconds: lifetimeSeconds };
    },
  };
}

describe('TokenCache', () => {
  it('reuses a token until shortly before expiry', async () => {
    let now = 0;
    const source = counter();
    const cache = new TokenCache({ exchange: source.exchange, now: () => now });

    expect(await cache.get()).toBe('token-1');
    now = 86_400_000 - 6 * 60_000;
    expect(await cache.get()).toBe('token-1');
    now = 86_400_000 - 4 * 60_000;
    expect(await cache.get()).toBe('token-2');
    expect(source.count).toBe(2);
  });

  it('shares one exchange between concurrent callers', async () => {
    const source = counter();
    const cache = new TokenCache({ exchange: source.exchange });
    const tokens = await Promise.all([cache.get(), cache.get(), cache.get()]);
    expect(tokens).toEqual(['token-1', 'token-1', 'token-1']);
    expect(source.count).toBe(1);
  });

  it('exchanges again after invalidate', async () => {
    const source = counter();
    const cache = new TokenCache({ exchange: source.exchange });
    const first = await cache.get();
    cache.invalidate(first);
    expect(await cache.get()).toBe('token-2');
  });

  it('ignores invalidation of an older token', async () => {
    const source = counter();
    const cache = new TokenCache({ exchange: source.exchange });
    await cache.get();
    cache.invalidate('token-0');
    expect(await cache.get()).toBe('token-1');
  });

  it('stops after invalid credentials', async () => {
    let calls = 0;
    const cache = new TokenCache({
      exchange: async () => {
        calls += 1;
        throw new SevenSignalError('invalid_credentials', 'rejected');
      },
    });
    await expect(cache.get()).rejects.toMatchObject({ code: 'invalid_credentials' });
    await expect(cache.get()).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(calls).toBe(1);
  });

  it('retries after a transient failure', async () => {
    let calls = 0;
    const cache = new TokenCache({
      exchange: async () => {
        calls += 1;
        if (calls === 1) throw new SevenSignalError('server_error', 'HTTP 503');
        return { accessToken: 'token', expiresInSeconds: 60 };
      },
    });
    await expect(cache.get()).rejects.toMatchObject({ code: 'server_error' });
    expect(await cache.get()).toBe('token');
  });
});
