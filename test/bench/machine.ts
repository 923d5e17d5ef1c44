import { cpus, totalmem } from 'node:os';

/** Describes the machine a benchmark ran on in one line. */
export function describeMachine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const memoryGiB = (totalmem() / 2 ** 30).toFixed(0);
  return `${cpu}, ${cpus().length} cores, ${memoryGiB} GiB, Node ${process.version}, ${process.platform}`;
}

/** Returns the value below which `fraction` of the sorted samples fall. */
export function percentile(samples: number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMiB(): number {
  // resourceUsage().maxRSS is in kibibytes.
  return process.resourceUsage().maxRSS / 1024;
}
