import { describe, expect, it } from 'vitest';
import { ChannelPacer, type PacerTimers } from '../../src/poller/channel-pacer.ts';

/**
 * A clock that moves only when a sleep ends, and records each sleep. A sleep ends one microtask
 * after it starts, so callers that start waiting together all see the same time.
 */
class ManualTimers implements PacerTimers {
  time = 1000;
  readonly sleeps: number[] = [];

  readonly now = () => this.time;

  readonly sleep = async (ms: number) => {
    const end = this.time + ms;
    this.sleeps.push(ms);
    await Promise.resolve();
    this.time = Math.max(this.time, end);
  };
}

describe('ChannelPacer', () => {
  it('lets the first post go at once', async () => {
    const timers = new ManualTimers();
    await new ChannelPacer(1000, timers).wait('C0A');
    expect(timers.sleeps).toEqual([]);
  });

  it('spaces posts to one channel', async () => {
    const timers = new ManualTimers();
    const pacer = new ChannelPacer(1000, timers);
    await pacer.wait('C0A');
    timers.time += 300;
    await pacer.wait('C0A');
    await pacer.wait('C0A');
    expect(timers.sleeps).toEqual([700, 1000]);
  });

  it('keeps channels apart', async () => {
    const timers = new ManualTimers();
    const pacer = new ChannelPacer(1000, timers);
    await pacer.wait('C0A');
    await pacer.wait('C0B');
    expect(timers.sleeps).toEqual([]);
  });

  it('queues concurrent callers in order', async () => {
    const timers = new ManualTimers();
    const pacer = new ChannelPacer(1000, timers);
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((caller) => pacer.wait('C0A').then(() => order.push(caller))));
    expect(order).toEqual([1, 2, 3]);
    expect(timers.sleeps).toEqual([1000, 2000]);
  });

  it('delays a paused channel', async () => {
    const timers = new ManualTimers();
    const pacer = new ChannelPacer(1000, timers);
    await pacer.wait('C0A');
    pacer.pause('C0A', 5000);
    await pacer.wait('C0A');
    await pacer.wait('C0B');
    expect(timers.sleeps).toEqual([5000]);
  });

  it('moves a waiting caller behind a pause', async () => {
    const timers = new ManualTimers();
    const pacer = new ChannelPacer(1000, timers);
    await pacer.wait('C0A');
    const waiting = pacer.wait('C0A');
    pacer.pause('C0A', 5000);
    await waiting;
    // The first sleep ends at 2000, inside the pause, so the caller sleeps again until 6000.
    expect(timers.sleeps).toEqual([1000, 4000]);
    expect(timers.time).toBe(6000);
  });

  it('does not shorten a longer pause', async () => {
    const timers = new ManualTimers();
    const pacer = new ChannelPacer(0, timers);
    pacer.pause('C0A', 5000);
    pacer.pause('C0A', 1000);
    await pacer.wait('C0A');
    expect(timers.sleeps).toEqual([5000]);
  });
});
