/** Queue of canned responses that `failNext` sets up. */
import type { CannedResponse } from './types.ts';

interface QueuedFailure {
  pathPrefix: string;
  response: CannedResponse;
  remaining: number;
}

export class FailureQueue {
  private readonly queue: QueuedFailure[] = [];

  add(pathPrefix: string, response: CannedResponse, times: number): void {
    if (!Number.isInteger(times) || times < 1) {
      throw new Error(`Invalid times ${times} for failNext('${pathPrefix}'): expected an integer of at least 1.`);
    }
    this.queue.push({ pathPrefix, response: structuredClone(response), remaining: times });
  }

  /** Removes and returns one use of the oldest queued response whose prefix matches `path`. */
  take(path: string): CannedResponse | undefined {
    const index = this.queue.findIndex((failure) => path.startsWith(failure.pathPrefix));
    const failure = this.queue[index];
    if (failure === undefined) {
      return undefined;
    }
    failure.remaining -= 1;
    if (failure.remaining === 0) {
      this.queue.splice(index, 1);
    }
    return failure.response;
  }
}
