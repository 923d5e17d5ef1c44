import { describe, expect, it } from 'vitest';
import { KeyedLock } from '../../src/poller/keyed-lock.ts';

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('KeyedLock', () => {
  it('runs tasks of one key in order', async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    const task = (name: string, ms: number) =>
      lock.run('a', async () => {
        events.push(`${name} start`);
        await delay(ms);
        events.push(`${name} end`);
      });

    await Promise.all([task('first', 30), task('second', 1), task('third', 1)]);

    expect(events).toEqual(['first start', 'first end', 'second start', 'second end', 'third start', 'third end']);
    expect(lock.size).toBe(0);
  });

  it('runs other keys concurrently', async () => {
    const lock = new KeyedLock();
    const events: string[] = [];

    await Promise.all([
      lock.run('a', async () => {
        events.push('a start');
        await delay(30);
        events.push('a end');
      }),
      lock.run('b', async () => {
        events.push('b start');
        events.push('b end');
      }),
    ]);

    expect(events).toEqual(['a start', 'b start', 'b end', 'a end']);
  });

  it('continues after a failed task', async () => {
    const lock = new KeyedLock();
    const failed = lock.run('a', async () => {
      throw new Error('boom');
    });
    const next = lock.run('a', async () => 'ran');

    await expect(failed).rejects.toThrow('boom');
    expect(await next).toBe('ran');
    expect(lock.size).toBe(0);
  });
});
