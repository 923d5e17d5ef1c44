import { setTimeout as sleep } from 'node:timers/promises';

/** Clock and timer of a pacer; tests replace them. */
export interface PacerTimers {
  /** Monotonic milliseconds. */
  now: () => number;
  sleep: (ms: number) => Promise<unknown>;
}

const REAL_TIMERS: PacerTimers = { now: () => performance.now(), sleep: (ms) => sleep(ms) };

/**
 * Spaces posts to each Slack channel at least `intervalMs` apart, and delays a channel after Slack
 * rate-limited it. Channels are independent: waiting for one never delays another. Each
 * caller reserves the next free slot when it starts waiting, so concurrent callers for one
 * channel go out in the order they called.
 */
export class ChannelPacer {
  private readonly nextSlot = new Map<string, number>();
  private readonly pausedUntil = new Map<string, number>();

  constructor(
    readonly intervalMs: number,
    private readonly timers: PacerTimers = REAL_TIMERS,
  ) {}

  /** Waits until a post to `channel` may go out. */
  async wait(channel: string): Promise<void> {
    for (;;) {
      const now = this.timers.now();
      const slot = Math.max(now, this.nextSlot.get(channel) ?? 0, this.pausedUntil.get(channel) ?? 0);
      this.nextSlot.set(channel, slot + this.intervalMs);
      if (slot > now) {
        await this.timers.sleep(slot - now);
      }
      // A rate limit reported while this caller slept moves its slot behind the pause.
      if ((this.pausedUntil.get(channel) ?? 0) <= this.timers.now()) {
        return;
      }
    }
  }

  /**
   * Records that a post to `channel` got its response, so the next one waits a full interval from
   * now. Spacing from the start alone lets a post delayed on its way arrive right before the next.
   */
  finished(channel: string): void {
    const after = this.timers.now() + this.intervalMs;
    this.nextSlot.set(channel, Math.max(after, this.nextSlot.get(channel) ?? 0));
  }

  /** Delays posts to `channel` by `ms`, the time in Slack's Retry-After header. */
  pause(channel: string, ms: number): void {
    const until = this.timers.now() + ms;
    this.pausedUntil.set(channel, Math.max(until, this.pausedUntil.get(channel) ?? 0));
  }
}
