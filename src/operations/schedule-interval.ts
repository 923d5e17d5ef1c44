import cron from 'node-cron';

/** The longest gap between the next `runs` runs of a cron schedule, in milliseconds. */
export function scheduleIntervalMs(schedule: string, runs = 10): number {
  const task = cron.createTask(schedule, () => undefined, { timezone: 'UTC' });
  try {
    const times = task.getNextRuns(runs).map((date) => date.getTime());
    let longest = 0;
    for (let i = 1; i < times.length; i += 1) {
      longest = Math.max(longest, times[i]! - times[i - 1]!);
    }
    return longest > 0 ? longest : 60_000;
  } finally {
    void task.destroy();
  }
}
